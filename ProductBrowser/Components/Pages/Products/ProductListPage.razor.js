// Keyboard and scroll helpers for the product list.
// "/" focuses the search box (unless typing somewhere already); the scroll position is remembered as the list is
// scrolled, when a product is opened and when the page is left (a reload, another site), and restored when the same list
// URL is shown again (back button, "Back to results", a reload, also one on another instance after this one went away).
// The rows arrive after the page loads, too late for the browser's own restoration.
const scrollKey = (url) => "productbrowser.list-scroll:" + url;
const currentUrl = () => location.pathname + location.search;

// The list URL whose rows are shown and scrolled to where they were: until then, scrolling (the browser clamping a
// short page, a new list arriving) says nothing about where the user was.
let shownUrl = null;
let scrollPending = false;
// Whether the list URL now arriving came from the back or forward button, rather than from a link, the pager or a
// filter of this list (which start at the top, as a new page does).
let traversed = false;

function onPopState() {
  traversed = true;
}

function rememberScroll() {
  if (shownUrl === currentUrl()) {
    sessionStorage.setItem(scrollKey(shownUrl), String(window.scrollY));
  }
}

function onScroll() {
  // At most once a frame: scroll events come much faster than anyone needs the position written.
  if (!scrollPending) {
    scrollPending = true;
    requestAnimationFrame(() => {
      scrollPending = false;
      rememberScroll();
    });
  }
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
  window.addEventListener("scroll", onScroll, { passive: true });
  window.addEventListener("popstate", onPopState);
  // Says the shortcuts listen now (the module loads just after the first interactive render).
  document.getElementById("product-search")?.setAttribute("data-shortcuts", "ready");
}

export function detach() {
  document.removeEventListener("keydown", onKeyDown);
  document.removeEventListener("click", onClick, true);
  window.removeEventListener("pagehide", rememberScroll);
  window.removeEventListener("scroll", onScroll);
  window.removeEventListener("popstate", onPopState);
  shownUrl = null;
}

/** The rows of the list URL are shown: scrolls back to where it was left, if it was, and remembers from now on. */
export function restoreScroll() {
  const movedWithinTheList = shownUrl !== null && !traversed;
  traversed = false;
  shownUrl = currentUrl();
  const saved = sessionStorage.getItem(scrollKey(shownUrl));
  if (saved !== null && !movedWithinTheList) {
    window.scrollTo(0, Number(saved));
  } else {
    // Where this list is now (the top, or where the user scrolled while the rows were coming).
    rememberScroll();
  }
}
