// Keyboard and scroll helpers for the product list.
// "/" focuses the search box (unless typing somewhere already); the scroll position is remembered when a product is
// opened or the page is left (a reload, another site) and restored when the same list URL is shown again (back button,
// "Back to results", reload). The rows arrive after the page loads, too late for the browser's own restoration.
const scrollKey = (url) => "productbrowser.list-scroll:" + url;

function rememberScroll() {
  sessionStorage.setItem(scrollKey(location.pathname + location.search), String(window.scrollY));
}

function onKeyDown(event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) {
    return;
  }
  const search = document.getElementById("product-search");
  if (search) {
    event.preventDefault();
    search.focus();
    search.select();
  }
}

function onClick(event) {
  const target = event.target instanceof Element ? event.target : null;
  const row = target?.closest("#product-list tbody tr");
  if (!row) {
    return;
  }
  rememberScroll();
  // A click anywhere on a row opens it, through the row's own link (one navigation, one history entry).
  if (!target.closest("a, button, input") && !window.getSelection()?.toString()) {
    row.querySelector("a.sku-link")?.click();
  }
}

export function attach() {
  document.addEventListener("keydown", onKeyDown);
  document.addEventListener("click", onClick, true);
  window.addEventListener("pagehide", rememberScroll);
  // Says the shortcuts listen now (the module loads just after the first interactive render).
  document.getElementById("product-search")?.setAttribute("data-shortcuts", "ready");
}

export function detach() {
  document.removeEventListener("keydown", onKeyDown);
  document.removeEventListener("click", onClick, true);
  window.removeEventListener("pagehide", rememberScroll);
}

export function restoreScroll() {
  const key = scrollKey(location.pathname + location.search);
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.scrollTo(0, Number(saved));
  }
}
