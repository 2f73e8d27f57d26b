// Accessibility checks run on every view in every browser (issue 6, item 7): every control has a
// name, and text meets WCAG AA contrast against what is really behind it as the browser rendered
// it.  Both return a list of problems (empty: fine) so a failure names the offending elements.

// Controls without an accessible name, from playwright's ARIA snapshot (names computed the way
// assistive technology does: <label for>, aria-label, aria-labelledby, the text of a button...).
const CONTROL_ROLES = ['button', 'checkbox', 'combobox', 'link', 'listbox', 'option', 'radio',
  'searchbox', 'slider', 'spinbutton', 'switch', 'tab', 'textbox'];

export async function unnamedControls(page) {
  const snapshot = await page.locator('body').ariaSnapshot();
  const unnamed = new RegExp(`^\\s*- (${CONTROL_ROLES.join('|')})(\\s*\\[[^\\]]*\\])*\\s*(:.*)?$`);
  return snapshot.split('\n').filter((line) => unnamed.test(line)).map((line) => line.trim());
}

// Runs in the page: every visible element with text of its own, whose colour against its
// effective background (the nearest opaque background, with translucent ones blended in) is below
// 4.5:1, or 3:1 for large text (24px, or 18.66px bold).  SVG text (the community graph's labels,
// drawn with a white halo) is left out.
function inPageContrast() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
  };
  const over = (top, below) => top.slice(0, 3).map((v, i) => v * top[3] + below[i] * (1 - top[3])).concat(1);
  const luminance = (rgb) => {
    const lin = rgb.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg[3] > 0) layers.push(bg);
      if (bg && bg[3] === 1) break;
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const problems = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el instanceof SVGElement || el.closest('svg')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const [a, b] = [luminance(fg), luminance(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      problems.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}": ${ratio.toFixed(2)}:1 (${style.color} on rgb(${bg.slice(0, 3).map(Math.round)}))`);
    }
  }
  return problems;
}

export async function contrastProblems(page) {
  return page.evaluate(inPageContrast);
}

// Both checks; throws naming the view and the first few offenders.
export async function checkAccessible(page, view) {
  const unnamed = await unnamedControls(page);
  if (unnamed.length) throw new Error(`check failed: controls without a name in ${view}: ${unnamed.slice(0, 5).join('; ')}`);
  const low = await contrastProblems(page);
  if (low.length) throw new Error(`check failed: low contrast in ${view}: ${low.slice(0, 5).join('; ')}`);
}
