// The media gallery page: the host posts the task's items (presigned links only); the page filters,
// sorts and searches them, draws a virtualized grid, opens a viewer, and asks the host to download.
// What the person set (filters, sort, scroll) is saved for the panel serializer.
import '../browser/base.css';
import './gallery.css';
import { connect, h } from '../browser/host';
import { VirtualGrid } from './grid';
import { Lightbox } from './lightbox';
import { visibleItems, type View } from './model';
import {
  galleryState,
  toWebview,
  type FromWebview,
  type GalleryItem,
  type GalleryState,
  type GalleryTask,
  type ToWebview,
} from './protocol';
import { s, setStrings } from './strings';
import { Toolbar } from './toolbar';

const app = document.getElementById('app') as HTMLDivElement;

let items: readonly GalleryItem[] = [];
let task: GalleryTask | undefined;
let view: View = { types: [], sort: 'time', descending: false, search: '' };
let scrollTop = 0;
let status: { text: string; error?: boolean } | undefined;
let download = { running: false, done: 0, total: 0 };
/** The saved scroll position waits for the first list after a restore. */
let pendingScroll: number | undefined;
let lastRefresh = 0;

let ui: { toolbar: Toolbar; grid: VirtualGrid; lightbox: Lightbox; message: HTMLDivElement } | undefined;

const channel = connect<ToWebview, FromWebview, GalleryState>(toWebview, (message) => receive(message));

const restored = galleryState.safeParse(channel.savedState());
if (restored.success) {
  const { task: savedTask, scrollTop: savedScroll, ...savedView } = restored.data;
  task = savedTask;
  view = savedView;
  pendingScroll = savedScroll;
}
build();

function receive(message: ToWebview): void {
  switch (message.type) {
    case 'strings':
      setStrings(message.strings);
      build();
      return;
    case 'loading':
      task = message.task;
      status = { text: s('loading') };
      update();
      return;
    case 'media':
      task = message.task;
      items = message.items;
      status = undefined;
      update();
      if (pendingScroll !== undefined) {
        ui?.grid.scrollTo(pendingScroll);
        pendingScroll = undefined;
      }
      // Keyboard first: the grid takes the focus unless the person is already somewhere else.
      if (document.activeElement === document.body) ui?.grid.scroller.focus({ preventScroll: true });
      return;
    case 'error':
      status = { text: message.message, error: true };
      update();
      return;
    case 'download':
      download = { running: message.running, done: message.done, total: message.total };
      ui?.toolbar.setDownload(download.running, download.done, download.total);
      return;
  }
}

/** (Re)creates the UI: at start and when the translations arrive. */
function build(): void {
  const selected = ui?.grid.selected;
  const grid = new VirtualGrid({
    open: (index) => ui?.lightbox.open(grid.visible, index),
    selectionChanged: () => counts(),
    scrolled: (top) => {
      scrollTop = top;
      save();
    },
    imageFailed: () => {
      // Presigned links live ~15 minutes; one refresh a minute at most.
      if (Date.now() - lastRefresh < 60_000) return;
      lastRefresh = Date.now();
      channel.post({ type: 'refresh' });
    },
  });
  for (const uuid of selected ?? []) grid.selected.add(uuid);
  const toolbar = new Toolbar(view, {
    changed: (change) => {
      view = { ...view, ...change };
      update();
      grid.scrollTo(0);
    },
    download: (selectedOnly) =>
      channel.post({ type: 'download', uuids: selectedOnly ? [...grid.selected] : null }),
    refresh: () => channel.post({ type: 'refresh' }),
  });
  const lightbox = new Lightbox({
    closed: (index) => {
      grid.focusIndex(index);
      grid.scroller.focus();
    },
  });
  const message = h('div', { class: 'message', role: 'status' });
  const help = h('div', { class: 'help muted' }, s('help'));
  ui = { toolbar, grid, lightbox, message };
  app.replaceChildren(toolbar.root, message, grid.scroller, help, lightbox.root);
  toolbar.setDownload(download.running, download.done, download.total);
  update();
  grid.scrollTo(scrollTop);
}

function update(): void {
  if (!ui) return;
  const shown = visibleItems(items, view);
  ui.grid.setItems(shown);
  const text =
    status?.text ??
    (items.length === 0 && task ? s('empty') : shown.length === 0 && task ? s('noMatch') : '');
  ui.message.textContent = text;
  ui.message.hidden = text === '';
  ui.message.classList.toggle('error-text', status?.error === true);
  counts();
  save();
}

function counts(): void {
  ui?.toolbar.setCounts(ui.grid.visible.length, items.length, ui.grid.selected.size);
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function save(): void {
  if (!task) return;
  const current = task;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(
    () =>
      channel.saveState({
        task: current,
        scrollTop,
        types: [...view.types],
        sort: view.sort,
        descending: view.descending,
        search: view.search,
      }),
    100,
  );
}
