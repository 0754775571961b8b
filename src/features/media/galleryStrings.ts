// The gallery page's words, translated here (the page has no `vscode.l10n`) and sent on `ready`.
import * as vscode from 'vscode';
import type { GalleryStrings } from '../../webviews/gallery/protocol';

export function galleryStrings(): GalleryStrings {
  const t = vscode.l10n.t;
  return {
    search: t('Search by name'),
    allTypes: t('All types'),
    image: t('Images'),
    video: t('Videos'),
    ppk: t('PPK files'),
    sortTime: t('Time'),
    sortName: t('Name'),
    sortSize: t('Size'),
    ascending: t('Ascending'),
    descending: t('Descending'),
    count: t('{0} of {1} files'),
    selected: t('{0} selected'),
    downloadSelected: t('Download Selected'),
    downloadAll: t('Download All'),
    refresh: t('Refresh'),
    loading: t('Loading media…'),
    empty: t('This task has no media yet. Docks upload media some minutes after landing.'),
    noMatch: t('No media match the filter.'),
    size: t('Size'),
    time: t('Time'),
    type: t('Type'),
    close: t('Close'),
    zoomIn: t('Zoom in'),
    zoomOut: t('Zoom out'),
    previous: t('Previous'),
    next: t('Next'),
    noPreview: t('No preview for this file type.'),
    noSound: t('Sound may be missing in VS Code desktop: its player has no AAC audio decoder.'),
    noAudioTrack: t(
      'No sound was decoded: the video has no audio track, or VS Code desktop cannot decode it.',
    ),
    downloading: t('Downloading {0} of {1}…'),
    help: t('Arrows move, Enter opens, Space selects; in the viewer ←/→ browse, +/- zoom, Esc closes.'),
  };
}
