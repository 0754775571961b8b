// The gallery's toolbar: search, type filter, sort and direction, counts, download buttons.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import { h } from '../browser/host';
import type { View } from './model';
import { MEDIA_TYPES, SORT_KEYS } from './protocol';
import { s } from './strings';

export interface ToolbarEvents {
  changed(view: Partial<View>): void;
  download(selectedOnly: boolean): void;
  refresh(): void;
}

export class Toolbar {
  readonly root: HTMLDivElement;
  private readonly count = h('span', { class: 'count muted', id: 'count' });
  private readonly selection = h('span', { class: 'muted', id: 'selection' });
  private readonly progress = h('span', { class: 'muted', id: 'download-progress' });
  private readonly downloadSelected: HTMLElement;
  private readonly direction: HTMLElement;

  constructor(
    view: View,
    private readonly events: ToolbarEvents,
  ) {
    const search = h('vscode-textfield', {
      id: 'search',
      placeholder: s('search'),
      'aria-label': s('search'),
    });
    search.value = view.search;
    let timer: ReturnType<typeof setTimeout> | undefined;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.events.changed({ search: search.value }), 120);
    });
    search.append(h('span', { slot: 'content-before', class: 'codicon codicon-search' }));

    const type = h('vscode-single-select', { id: 'type', 'aria-label': s('type') });
    const typeLabels = { image: s('image'), video: s('video'), ppk: s('ppk') };
    type.append(
      h('vscode-option', { value: '' }, s('allTypes')),
      ...MEDIA_TYPES.map((t) => h('vscode-option', { value: t }, typeLabels[t])),
    );
    type.value = view.types[0] ?? '';
    type.addEventListener('change', () => {
      const picked = MEDIA_TYPES.find((t) => t === type.value);
      this.events.changed({ types: picked ? [picked] : [] });
    });

    const sort = h('vscode-single-select', { id: 'sort', 'aria-label': s('sortTime') });
    const sortLabels = { time: s('sortTime'), name: s('sortName'), size: s('sortSize') };
    sort.append(...SORT_KEYS.map((k) => h('vscode-option', { value: k }, sortLabels[k])));
    sort.value = view.sort;
    sort.addEventListener('change', () => {
      const value = SORT_KEYS.find((k) => k === sort.value);
      if (value) this.events.changed({ sort: value });
    });

    this.direction = h('vscode-toolbar-button', { id: 'direction' });
    this.setDirection(view.descending);
    this.direction.addEventListener('click', () => {
      const descending = this.direction.dataset.descending !== 'true';
      this.setDirection(descending);
      this.events.changed({ descending });
    });

    this.downloadSelected = h(
      'vscode-button',
      { id: 'download-selected', icon: 'cloud-download', disabled: '' },
      s('downloadSelected'),
    );
    this.downloadSelected.addEventListener('click', () => this.events.download(true));
    const downloadAll = h(
      'vscode-button',
      { id: 'download-all', icon: 'cloud-download', secondary: '' },
      s('downloadAll'),
    );
    downloadAll.addEventListener('click', () => this.events.download(false));
    const refresh = h('vscode-toolbar-button', {
      id: 'refresh',
      icon: 'refresh',
      label: s('refresh'),
      title: s('refresh'),
    });
    refresh.addEventListener('click', () => this.events.refresh());

    this.root = h(
      'div',
      { class: 'toolbar' },
      search,
      type,
      sort,
      this.direction,
      this.count,
      this.selection,
      h('span', { class: 'spacer' }),
      this.progress,
      this.downloadSelected,
      downloadAll,
      refresh,
    );
  }

  private setDirection(descending: boolean): void {
    const label = descending ? s('descending') : s('ascending');
    this.direction.dataset.descending = String(descending);
    this.direction.setAttribute('icon', descending ? 'arrow-down' : 'arrow-up');
    this.direction.setAttribute('label', label);
    this.direction.title = label;
  }

  setCounts(shown: number, total: number, selected: number): void {
    this.count.textContent = s('count', shown, total);
    this.selection.textContent = selected > 0 ? s('selected', selected) : '';
    this.downloadSelected.toggleAttribute('disabled', selected === 0);
  }

  setDownload(running: boolean, done: number, total: number): void {
    this.progress.textContent = running ? s('downloading', done, total) : '';
  }
}
