// Host side of the shared map (src/webviews/map): the tile settings and the CSP origin the optional
// tile server needs (its labels are in labels.ts). Both map panels (route preview, trajectory) use it.
import * as vscode from 'vscode';
import type { MapSettings } from '../../webviews/map/protocol';
import type { CspOrigins } from './html';
import { originOf } from './html';

export function mapSettings(): MapSettings {
  const config = vscode.workspace.getConfiguration('flighthub.map');
  const tileUrl = config.get<string>('tileUrl', '').trim();
  // Only http(s) templates; anything else would be refused by the CSP anyway, so it is not offered.
  const usable = tileUrl.length <= 500 && originOf(tileUrl.replace(/\{[xyz]\}/g, '0')) !== undefined;
  return {
    tileUrl: usable ? tileUrl : '',
    attribution: config.get<string>('tileAttribution', '').slice(0, 300),
  };
}

export function mapOrigins(settings: MapSettings): CspOrigins {
  return settings.tileUrl ? { img: [settings.tileUrl.replace(/\{[xyz]\}/g, '0')] } : {};
}

/** Keeps a map panel's tiles in step with the settings: widens the CSP, or re-sends the setup. */
export function onMapSettingsChanged(
  allowOrigins: (origins: CspOrigins) => boolean,
  resend: () => void,
): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('flighthub.map')) return;
    // A new origin re-renders the page, which then says `ready` and gets everything again.
    if (!allowOrigins(mapOrigins(mapSettings()))) resend();
  });
}
