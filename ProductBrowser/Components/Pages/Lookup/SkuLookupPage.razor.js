// Scan capture for the warehouse screen. A scan is keystrokes ending with Enter, Tab or the configured suffix. It is
// taken here, in the browser, at its terminator: the input is emptied at once, so the next scan starts clean whatever
// the network's latency, and the code joins a queue that sends each scan to the server once, in order, without waiting
// for earlier answers (the server looks them up in the order they were taken). The server never writes the input.
// Codes decoded by the camera arrive as a "productbrowser:scan" event on the input and join the same queue.
const recentKey = "productbrowser.recent-lookups";
const retryDelayMs = 1000;
const groupSeparator = "\u001d";

export function attach(input, button, busy, dotnet, options) {
  const suffix = options?.suffix ?? "";
  const queue = [];
  let nextSequence = 1;
  let inFlight = 0;
  let retryTimer = 0;
  let disposed = false;

  const showBusy = () => {
    busy.dataset.pending = String(inFlight + queue.length);
  };

  const send = (scan) => {
    inFlight++;
    showBusy();
    dotnet.invokeMethodAsync("OnScanned", scan.sequence, scan.code, scan.capturedAt).then(
      (recent) => {
        inFlight--;
        showBusy();
        if (Array.isArray(recent)) {
          saveRecent(recent);
        }
      },
      () => {
        // The circuit is reconnecting: keep the scan and send it again. The server ignores a sequence number it has
        // already taken, so a scan whose answer was lost is not looked up twice.
        inFlight--;
        queue.push(scan);
        queue.sort((a, b) => a.sequence - b.sequence);
        showBusy();
        scheduleRetry();
      });
  };

  const drain = () => {
    retryTimer = 0;
    while (!disposed && queue.length > 0) {
      send(queue.shift());
    }
  };

  const scheduleRetry = () => {
    if (!retryTimer && !disposed) {
      retryTimer = setTimeout(drain, retryDelayMs);
    }
  };

  const capture = (raw) => {
    const code = raw ?? "";
    if (code.trim().length === 0) {
      return false;
    }
    queue.push({ sequence: nextSequence++, code, capturedAt: performance.now() });
    if (!retryTimer) {
      drain();
    } else {
      showBusy();
    }
    return true;
  };

  const takeInput = () => {
    const value = input.value;
    input.value = "";
    return capture(value);
  };

  const onKeyDown = (event) => {
    if (event.isComposing) {
      return;
    }
    if (event.ctrlKey && event.code === "BracketRight") {
      // Keyboard-wedge scanners type a GS1 label's FNC1 separator (ASCII 29) as Ctrl+]: keep it in the code, as the
      // field boundary the label's variable-length fields need.
      event.preventDefault();
      input.setRangeText(groupSeparator, input.selectionStart ?? input.value.length, input.selectionEnd ?? input.value.length, "end");
      return;
    }
    if (event.key === "Enter" || (event.key === "Tab" && !event.shiftKey && input.value.trim().length > 0)) {
      event.preventDefault();
      takeInput();
    }
  };

  const onInput = () => {
    if (suffix && input.value.endsWith(suffix)) {
      const value = input.value.slice(0, -suffix.length);
      input.value = "";
      capture(value);
    }
  };

  const onClick = () => {
    takeInput();
    input.focus({ preventScroll: true });
  };

  const onDecoded = (event) => {
    capture(event.detail?.code);
  };

  input.addEventListener("keydown", onKeyDown);
  input.addEventListener("input", onInput);
  input.addEventListener("productbrowser:scan", onDecoded);
  button.addEventListener("click", onClick);
  input.focus();
  return {
    dispose() {
      disposed = true;
      clearTimeout(retryTimer);
      input.removeEventListener("keydown", onKeyDown);
      input.removeEventListener("input", onInput);
      input.removeEventListener("productbrowser:scan", onDecoded);
      button.removeEventListener("click", onClick);
    },
  };
}

export function focusInput(input) {
  if (input && document.activeElement !== input) {
    input.focus({ preventScroll: true });
  }
}

export function loadRecent() {
  try {
    const items = JSON.parse(localStorage.getItem(recentKey) ?? "[]");
    return Array.isArray(items) ? items : [];
  } catch {
    return [];
  }
}

export function saveRecent(items) {
  try {
    localStorage.setItem(recentKey, JSON.stringify(items));
  } catch {
    // Private mode or a full quota: the list just does not survive a reload.
  }
}
