// Annotate mode of the map pages (issue 15). A toolbar toggle turns it on; then a click asks the host
// for a point annotation where it landed — or at the feature clicked (a photo, a waypoint), whose name
// is offered as the annotation's — and shift-clicks collect the vertices of a line, sent with the
// "Create Line" button or Enter (Escape clears them). The host asks for the name and creates it; the
// page only posts the geometry. One tool per page: its mode and vertices outlive re-renders.
import { h } from '../browser/host';
import { fillLabel } from '../labels';
import { lineLayer, pointLayer, projectAll } from './layers';
import type { MapClick, MapLayer } from './mapCanvas';
import type { AnnotateMessage, MapLabels } from './protocol';
import { MAX_LINE_VERTICES } from './protocol';
import { cssColour } from './theme';

/** A position to annotate; `label` names what is there (offered as the annotation's name). */
export interface AnnotateTarget {
  readonly lon: number;
  readonly lat: number;
  readonly label?: string;
}

const colour = () => cssColour('--vscode-charts-green', '#89d185');

export class AnnotateTool {
  active = false;
  private vertices: AnnotateTarget[] = [];
  private toggleButton: HTMLElement | undefined;
  private panel: HTMLElement | undefined;
  private lastLabels: MapLabels | undefined;

  constructor(
    private readonly post: (message: AnnotateMessage) => void,
    /** Redraws the map (the pending line is one of its layers). */
    private readonly redraw: () => void,
  ) {
    document.addEventListener('keydown', (e) => {
      if (!this.active || !(e.target instanceof HTMLElement) || !e.target.matches('.map-canvas')) return;
      if (e.key === 'Escape') this.clear();
      else if (e.key === 'Enter' && this.vertices.length >= 2) this.finishLine();
      else return;
      e.preventDefault();
    });
  }

  /** The toolbar toggle (made anew on each page render; the state stays in the tool). */
  toggle(labels: MapLabels): HTMLElement {
    const toggle = h('button', {
      class: 'text-button secondary annotate-toggle',
      'data-action': 'annotate',
      title: labels.annotateHint,
    });
    toggle.append(h('span', { class: 'codicon codicon-location' }), labels.annotate);
    toggle.addEventListener('click', () => {
      this.active = !this.active;
      if (!this.active) this.vertices = [];
      this.update(labels);
    });
    this.toggleButton = toggle;
    this.update(labels);
    return toggle;
  }

  /**
   * What the mode says on the map (the hint, then the line's buttons): over the map, so turning the
   * mode on or adding a vertex never moves the map under the pointer.
   */
  overlay(labels: MapLabels): HTMLElement {
    const finish = h('button', { class: 'text-button', 'data-action': 'createLine' });
    finish.addEventListener('click', () => this.finishLine());
    const clear = h(
      'button',
      { class: 'text-button secondary', 'data-action': 'clearLine' },
      labels.clearLine,
    );
    clear.addEventListener('click', () => this.clear());
    const hint = h('span', { class: 'annotate-hint' }, labels.annotateHint);
    this.panel = h('div', { class: 'annotate-panel' }, hint, finish, clear);
    this.update(labels);
    return this.panel;
  }

  /** Handles a map click in annotate mode; false when the mode is off (the page does its own thing). */
  click(target: AnnotateTarget, at: MapClick): boolean {
    if (!this.active) return false;
    const p = { ...target, lon: wrapLongitude(target.lon), lat: target.lat };
    if (at.shift) {
      if (this.vertices.length < MAX_LINE_VERTICES) this.vertices.push(p);
      this.update();
      return true;
    }
    this.post({
      type: 'annotate',
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      ...(p.label ? { label: p.label.slice(0, 200) } : {}),
    });
    return true;
  }

  /** The pending line and its vertices, drawn over everything else. */
  layer(): MapLayer {
    return {
      id: 'annotation',
      draw: (d) => {
        if (this.vertices.length === 0) return 0;
        const coords = projectAll(this.vertices);
        lineLayer('annotationLine', coords, { colour, width: 2.5, dash: [6, 4], halo: true }).draw(d);
        return pointLayer('annotationVertices', coords, { colour, radius: 5 }, () => '').draw(d);
      },
    };
  }

  private finishLine(): void {
    if (this.vertices.length < 2) return;
    this.post({
      type: 'annotate',
      geometry: { type: 'LineString', coordinates: this.vertices.map((v) => [v.lon, v.lat]) },
    });
    this.clear();
  }

  private clear(): void {
    this.vertices = [];
    this.update();
  }

  private update(labels = this.lastLabels): void {
    this.lastLabels = labels;
    if (!labels) return;
    this.toggleButton?.setAttribute('aria-pressed', String(this.active));
    this.toggleButton?.classList.toggle('secondary', !this.active);
    const n = this.vertices.length;
    const c = this.panel;
    if (c) {
      c.hidden = !this.active;
      const finish = c.querySelector<HTMLButtonElement>('[data-action="createLine"]');
      if (finish) {
        finish.textContent = fillLabel(labels.createLine, n);
        finish.hidden = n === 0;
        finish.disabled = n < 2;
      }
      const clear = c.querySelector<HTMLElement>('[data-action="clearLine"]');
      if (clear) clear.hidden = n === 0;
      const hint = c.querySelector<HTMLElement>('.annotate-hint');
      if (hint) hint.hidden = n > 0;
    }
    // Read-only, for the pages' CSS (a crosshair cursor) and the browser tests.
    document.body.dataset.annotating = String(this.active);
    document.body.dataset.lineVertices = String(n);
    this.redraw();
  }
}

/** A map panned past the antimeridian gives longitudes beyond ±180; GeoJSON wants them in range. */
function wrapLongitude(lon: number): number {
  if (lon >= -180 && lon <= 180) return lon;
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}
