// What the map draws over the data: a scale bar (1-2-5 metres at the view's centre latitude) and a
// north arrow (Web Mercator keeps north up).
import { cssColour } from './theme';
import { metresPerPixel, niceScale, worldToLonLat, type Viewport } from './projection';
import type { MapLabels } from './protocol';

export function drawScaleBar(ctx: CanvasRenderingContext2D, vp: Viewport, labels: MapLabels): void {
  const centre = worldToLonLat(vp.cx, vp.cy);
  const { metres, px } = niceScale(metresPerPixel(vp.zoom, centre.lat), 120);
  const text = metres >= 1000 ? `${metres / 1000} ${labels.kilometres}` : `${metres} ${labels.metres}`;
  const x = 12;
  const y = vp.height - 14;
  ctx.strokeStyle = cssColour('--vscode-editor-foreground', '#ccc');
  ctx.fillStyle = ctx.strokeStyle;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x, y - 6);
  ctx.lineTo(x, y);
  ctx.lineTo(x + px, y);
  ctx.lineTo(x + px, y - 6);
  ctx.stroke();
  ctx.font = '11px sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(text, x + 4, y - 5);
}

export function drawNorthArrow(ctx: CanvasRenderingContext2D, vp: Viewport, labels: MapLabels): void {
  const x = vp.width - 24;
  const y = vp.height - 48;
  ctx.fillStyle = cssColour('--vscode-editor-foreground', '#ccc');
  ctx.beginPath();
  ctx.moveTo(x, y - 14);
  ctx.lineTo(x + 7, y + 6);
  ctx.lineTo(x, y + 2);
  ctx.lineTo(x - 7, y + 6);
  ctx.closePath();
  ctx.fill();
  ctx.font = 'bold 11px sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText(labels.north, x, y + 20);
}
