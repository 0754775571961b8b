// The livestream page's translated labels (the page itself has no l10n).
import * as vscode from 'vscode';
import type { LiveLabels } from '../../webviews/live/protocol';

export function qualityLabel(q: 'adaptive' | 'smooth' | 'ultra_high_definition'): string {
  const t = vscode.l10n.t;
  return { adaptive: t('Adaptive'), smooth: t('Smooth'), ultra_high_definition: t('Ultra HD') }[q];
}

export function liveLabels(): LiveLabels {
  const t = vscode.l10n.t;
  return {
    connecting: t('connecting'),
    playing: t('playing'),
    failed: t('failed'),
    stopped: t('stopped'),
    resolution: t('Resolution'),
    frameRate: t('fps'),
    bitrate: t('Bitrate'),
    state: t('Stream'),
    expires: t('Token renews in'),
    stop: t('Stop'),
    restart: t('Restart'),
    lens: t('Switch Lens…'),
    quality: t('Video quality'),
    qualities: {
      adaptive: qualityLabel('adaptive'),
      smooth: qualityLabel('smooth'),
      ultra_high_definition: qualityLabel('ultra_high_definition'),
    },
    openWeb: t('Open in FlightHub 2'),
    desktopNote: t('Video only in VS Code desktop: its webviews cannot decode AAC audio.'),
  };
}
