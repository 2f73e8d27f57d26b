// Navigation inside the page: pushState plus a re-render (app.js registers the renderer), so the
// URL always reflects what is shown and a link to it can be shared.
let renderer = async () => {};

export function setRenderer(fn) { renderer = fn; }

// Goes to `url` (a same-origin path with a query string) without reloading the page.
export async function navigate(url, { replace = false, focus = true } = {}) {
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  await renderer();
  const main = document.getElementById('main');
  // Focus moves to the new content, unless the user already went on (typing in the new view
  // while it was still loading).
  if (!replace && focus && !main.contains(document.activeElement)) {
    main.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
}

export function rerender() { return renderer(); }
