// Camera scanning for devices without a barcode scanner. Everything happens in the browser: the stream, the decoding
// and the panel's state; a decoded code is handed to the lookup page as a "productbrowser:scan" event on its input,
// which treats it like a scanner's scan. The server hears of nothing but that lookup.

// GS1 DataMatrix is a DataMatrix to BarcodeDetector; its FNC1 separators come through as GS characters.
const formats = ["ean_13", "upc_a", "code_128", "data_matrix", "qr_code"];
// Every frame shows the barcode again: a code counts once until it has been out of view this long.
const repeatWindowMs = 1500;
// At most ten reads a second, so a tablet's battery and CPU are not spent on frames a person cannot tell apart.
const frameIntervalMs = 100;
const shownCodeMs = 2000;
const timingsKept = 50;
const idleText = "Point the camera at a barcode.";

const messages = {
  refused: "Camera access was refused. Allow the camera for this site in the browser settings, or use the scanner or keyboard.",
  absent: "This device has no camera the browser can use. Use the scanner or keyboard.",
  insecure: "The camera only works when this page is opened over https. Use the scanner or keyboard.",
  busy: "The camera could not be started; another app may be using it. Close that app and try again, or use the scanner or keyboard.",
  decoder: "The barcode reader could not be loaded. Reload the page to try again, or use the scanner or keyboard.",
};

let decoderLoad = null;

/** One decoder per page: the browser's own where it reads every format we need, else the bundled WebAssembly one. */
function loadDecoder() {
  decoderLoad ??= createDecoder().catch((error) => {
    decoderLoad = null; // a later open tries again
    throw error;
  });
  return decoderLoad;
}

async function createDecoder() {
  if ("BarcodeDetector" in globalThis) {
    try {
      const supported = await globalThis.BarcodeDetector.getSupportedFormats();
      if (formats.every((format) => supported.includes(format))) {
        return { kind: "native", detector: new globalThis.BarcodeDetector({ formats }) };
      }
    } catch {
      // A native detector that cannot list its formats is not to be trusted: use the bundled one.
    }
  }

  // Served by the app (wwwroot/lib, see scripts/update-client-libraries.sh): zxing-wasm would fetch its .wasm from a
  // CDN otherwise, which warehouses cannot reach and the Content-Security-Policy refuses.
  const lib = new URL("../../lib/", import.meta.url);
  const { BarcodeDetector, prepareZXingModule } = await import(new URL("barcode-detector/ponyfill.js", lib).href);
  await prepareZXingModule({
    overrides: {
      locateFile: (path, prefix) => (path.endsWith(".wasm") ? new URL(`zxing-wasm/${path}`, lib).href : prefix + path),
    },
    fireImmediately: true,
  });
  return { kind: "wasm", detector: new BarcodeDetector({ formats }) };
}

function problemFor(error) {
  switch (error?.name) {
    case "NotAllowedError":
    case "SecurityError":
      return messages.refused;
    case "NotFoundError":
    case "OverconstrainedError":
      return messages.absent;
    default:
      return messages.busy;
  }
}

export function attach(root, targetId) {
  const openButton = root.querySelector("[data-camera=open]");
  const panel = root.querySelector("[data-camera=panel]");
  const closeButton = root.querySelector("[data-camera=close]");
  const video = root.querySelector("[data-camera=video]");
  const status = root.querySelector("[data-camera=status]");
  const message = root.querySelector("[data-camera=message]");

  let session = 0; // bumped on every open and close: work still under way for an older session stops itself
  let stream = null;
  let frameTimer = 0;
  let statusTimer = 0;
  const lastSeen = new Map();
  const timings = [];

  const target = () => document.getElementById(targetId);
  const setState = (state) => {
    panel.dataset.state = state;
  };

  function focusTarget() {
    const input = target();
    if (input) {
      input.focus({ preventScroll: true });
      input.select?.();
    }
  }

  function stopStream() {
    clearTimeout(frameTimer);
    clearTimeout(statusTimer);
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
  }

  function showStatus(text) {
    status.textContent = text;
  }

  function fail(text) {
    stopStream();
    setState("error");
    showStatus("");
    message.textContent = text;
    message.hidden = false;
    focusTarget();
  }

  function onKeyDown(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  }

  async function open() {
    if (!panel.hidden && panel.dataset.state !== "error") {
      closeButton.focus();
      return;
    }

    const current = ++session;
    panel.hidden = false;
    openButton.setAttribute("aria-expanded", "true");
    message.hidden = true;
    message.textContent = "";
    lastSeen.clear();
    setState("starting");
    showStatus("Starting the camera…");
    document.addEventListener("keydown", onKeyDown);
    closeButton.focus();

    if (!window.isSecureContext) {
      fail(messages.insecure);
      return;
    }
    if (!navigator.mediaDevices?.getUserMedia) {
      fail(messages.absent);
      return;
    }

    const decoder = loadDecoder();
    decoder.catch(() => {}); // reported below, once the camera question is settled
    let opened;
    try {
      opened = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
    } catch (error) {
      if (current === session) {
        fail(problemFor(error));
      }
      return;
    }
    if (current !== session) {
      opened.getTracks().forEach((track) => track.stop());
      return;
    }

    stream = opened;
    video.srcObject = stream;
    video.play().catch(() => {}); // autoplay and muted: a refused play() only means the first frame comes later

    let reader;
    try {
      reader = await decoder;
    } catch {
      if (current === session) {
        fail(messages.decoder);
      }
      return;
    }
    if (current !== session) {
      return;
    }

    panel.dataset.decoder = reader.kind;
    setState("scanning");
    showStatus(idleText);
    readFrame(current, reader.detector);
  }

  async function readFrame(current, detector) {
    if (current !== session) {
      return;
    }
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
      frameTimer = setTimeout(() => readFrame(current, detector), frameIntervalMs);
      return;
    }

    const started = performance.now();
    let barcodes = [];
    try {
      barcodes = await detector.detect(video);
    } catch {
      // A frame that cannot be read (the video resizing, say): the next one will do.
    }
    const elapsed = performance.now() - started;
    if (current !== session) {
      return;
    }

    timings.push(elapsed);
    if (timings.length > timingsKept) {
      timings.shift();
    }
    panel.dataset.decodeMs = timings.map((ms) => ms.toFixed(1)).join(",");

    for (const { rawValue } of barcodes) {
      if (rawValue) {
        seen(rawValue, started);
      }
    }
    frameTimer = setTimeout(() => readFrame(current, detector), Math.max(0, frameIntervalMs - elapsed));
  }

  function seen(code, now) {
    const last = lastSeen.get(code);
    lastSeen.set(code, now);
    for (const [other, at] of lastSeen) {
      if (now - at > repeatWindowMs) {
        lastSeen.delete(other);
      }
    }
    if (last !== undefined && now - last <= repeatWindowMs) {
      return;
    }

    target()?.dispatchEvent(new CustomEvent("productbrowser:scan", { detail: { code }, bubbles: true }));
    try {
      navigator.vibrate?.(60);
    } catch {
      // Vibration is a nicety; some browsers refuse it without saying why.
    }
    panel.classList.add("camera-panel-read");
    showStatus(`Read ${code}`);
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => {
      panel.classList.remove("camera-panel-read");
      if (panel.dataset.state === "scanning") {
        showStatus(idleText);
      }
    }, shownCodeMs);
  }

  function close({ focus = true } = {}) {
    session++;
    stopStream();
    document.removeEventListener("keydown", onKeyDown);
    panel.hidden = true;
    panel.classList.remove("camera-panel-read");
    openButton.setAttribute("aria-expanded", "false");
    setState("closed");
    if (focus) {
      focusTarget();
    }
  }

  // A camera left running in a hidden tab drains the battery and keeps the light on: stop it, the user reopens it.
  function onVisibilityChange() {
    if (document.hidden && !panel.hidden) {
      close({ focus: false });
    }
  }

  const onOpen = () => open();
  const onClose = () => close();
  const onPageHide = () => close({ focus: false });
  openButton.addEventListener("click", onOpen);
  closeButton.addEventListener("click", onClose);
  document.addEventListener("visibilitychange", onVisibilityChange);
  window.addEventListener("pagehide", onPageHide);
  setState("closed");
  openButton.disabled = false;
  openButton.dataset.ready = "true";

  return {
    dispose() {
      close({ focus: false });
      openButton.removeEventListener("click", onOpen);
      closeButton.removeEventListener("click", onClose);
      document.removeEventListener("visibilitychange", onVisibilityChange);
      window.removeEventListener("pagehide", onPageHide);
    },
  };
}
