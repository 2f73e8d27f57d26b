// A topic box with suggestions as you type (GET /v1/topics/search, debounced), following the
// WAI-ARIA combobox pattern: arrows move through the suggestions, Enter picks one (or submits what
// was typed), Escape closes the list (or, when closed, clears the box).
import { get } from './api.js';
import { debounce, h } from './dom.js';

let counter = 0;

// onChoose(text, topic): topic is the chosen suggestion ({id, name, ...}) or null for free text.
export function topicCombobox({ label, value = '', placeholder = '', onChoose, clearOnChoose = false }) {
  const id = `combo-${++counter}`;
  const listId = `${id}-list`;
  const input = h('input', {
    id, type: 'search', value, placeholder, role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'suggestions', hidden: true, 'aria-label': `${label} suggestions` });
  let items = [];
  let active = -1;
  let controller = null;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function setActive(i) {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', `${listId}-${i}`);
      list.children[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(text, topic) {
    close();
    input.value = clearOnChoose ? '' : (topic ? topic.name : text);
    onChoose(text, topic);
  }

  function show(found) {
    items = found;
    list.replaceChildren(...found.map((t, i) => h('li', {
      id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false', class: 'option',
      onmousedown: (e) => { e.preventDefault(); choose(t.id, t); },
    }, h('span', { class: 'option-name' }, t.name),
    t.aliases?.length ? h('span', { class: 'option-aliases' }, ` (${t.aliases.slice(0, 3).join(', ')})`) : null,
    t.match === 'fuzzy' ? h('span', { class: 'option-kind' }, ' similar spelling') : null)));
    list.hidden = found.length === 0;
    input.setAttribute('aria-expanded', String(found.length > 0));
    active = -1;
  }

  const suggest = debounce(async () => {
    const q = input.value.trim();
    controller?.abort();
    if (!q) { show([]); return; }
    controller = new AbortController();
    try {
      const answer = await get('/v1/topics/search', { q, limit: 8 }, { signal: controller.signal });
      if (input.value.trim() === q && document.activeElement === input) show(answer.items ?? []);
    } catch {
      show([]);  // suggestions are a help; the search itself reports errors
    }
  }, 150);

  input.addEventListener('input', suggest);
  input.addEventListener('keydown', (e) => {
    const open = !list.hidden && items.length > 0;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) {
        // Reopen what was shown for this text, or ask for suggestions.
        if (items.length && input.value.trim()) {
          list.hidden = false;
          input.setAttribute('aria-expanded', 'true');
          setActive(0);
        } else {
          suggest();
        }
        return;
      }
      setActive((active + 1) % items.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (open) setActive(active <= 0 ? items.length - 1 : active - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && active >= 0) choose(items[active].id, items[active]);
      else if (input.value.trim()) choose(input.value.trim(), null);
    } else if (e.key === 'Escape') {
      if (open) { e.preventDefault(); close(); } else input.value = '';
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));

  const element = h('div', { class: 'combobox' },
    h('label', { for: id }, label), h('div', { class: 'combobox-field' }, input, list));
  return { element, input };
}
