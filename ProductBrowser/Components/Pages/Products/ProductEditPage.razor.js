// The edit form's unsaved input, kept in the tab's sessionStorage by the browser itself: each input event in the form
// writes the field's value at once, with no round trip to the server, so whatever the user saw in the form outlives the
// circuit (an instance that stops or dies). After a reload the page takes it back (ProductEditDrafts.cs).
// A draft: { version: the product version the input was typed against, fields: { "edit-name": "…", … } }.
let tracked = null;

function read(key) {
  try {
    const draft = JSON.parse(sessionStorage.getItem(key) ?? "null");
    return draft && typeof draft === "object" && draft.fields && typeof draft.fields === "object" ? draft : null;
  } catch {
    return null;
  }
}

function write() {
  try {
    sessionStorage.setItem(tracked.key, JSON.stringify(tracked.draft));
  } catch {
    // Storage full or turned off: the circuit still holds the input, only a lost instance would lose it.
  }
}

function onInput(event) {
  const field = event.target;
  if (tracked && (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) && field.id.startsWith("edit-")) {
    tracked.draft.fields[field.id] = field.value;
    write();
  }
}

/** Starts keeping the input typed in `form`, adding to a draft this tab already holds for `key`. */
export function track(form, key, version) {
  untrack();
  tracked = { form, key, draft: read(key) ?? { version, fields: {} } };
  form.addEventListener("input", onInput);
}

/** A value the server holds rather than a text field (a select, the version after "keep my changes"). */
export function keep(id, value) {
  if (tracked) {
    tracked.draft.fields[id] = value;
    write();
  }
}

export function keepVersion(version) {
  if (tracked) {
    tracked.draft.version = version;
    write();
  }
}

export function find(key) {
  return read(key);
}

/** Forgets the draft (saved, cancelled, discarded, or replaced by someone else's version). */
export function discard(key) {
  sessionStorage.removeItem(key);
  if (tracked?.key === key) {
    tracked.draft = { version: tracked.draft.version, fields: {} };
  }
}

export function untrack() {
  tracked?.form.removeEventListener("input", onInput);
  tracked = null;
}
