// Scanner-friendly input: a scan is fast keystrokes ending with Enter (or Tab). The keystrokes stay in the browser;
// only the finished code goes to the server, once.
const recentKey = "productbrowser.recent-lookups";

export function attach(input, button, dotnet) {
  const submit = () => dotnet.invokeMethodAsync("OnScanned", input.value);
  const onKeyDown = (event) => {
    if (event.isComposing) {
      return;
    }
    if (event.key === "Enter" || (event.key === "Tab" && input.value.trim().length > 0)) {
      event.preventDefault();
      submit();
    }
  };
  // A code read by the camera (Components/Lookup/CameraScanner) counts as a scan.
  const onCameraScan = (event) => dotnet.invokeMethodAsync("OnScanned", event.detail.code);
  input.addEventListener("keydown", onKeyDown);
  button.addEventListener("click", submit);
  input.addEventListener("productbrowser:scan", onCameraScan);
  input.focus();
  return {
    dispose() {
      input.removeEventListener("keydown", onKeyDown);
      button.removeEventListener("click", submit);
      input.removeEventListener("productbrowser:scan", onCameraScan);
    },
  };
}

export function focusAndSelect(input) {
  if (input) {
    input.focus({ preventScroll: true });
    input.select();
  }
}

export function setValue(input, value) {
  if (input) {
    input.value = value;
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
