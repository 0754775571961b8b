// Every page's words, translated here with vscode.l10n.t (pages have none) and posted by each panel's
// host on `ready`. Each dictionary has exactly the keys its page's protocol names (labelsSchema in
// src/webviews/labels.ts), so a missing or extra word is a type error, not an empty button.
import * as vscode from 'vscode';
import type { GalleryStrings } from '../../webviews/gallery/protocol';
import type { LiveLabels } from '../../webviews/live/protocol';
import type { MapLabels } from '../../webviews/map/protocol';
import type { RouteLabels } from '../../webviews/routePreview/protocol';
import type { TrajectoryLabels } from '../../webviews/trajectory/protocol';

export function mapLabels(): MapLabels {
  const t = vscode.l10n.t;
  return {
    zoomIn: t('Zoom In'),
    zoomOut: t('Zoom Out'),
    fit: t('Fit to Data'),
    north: t('N'),
    metres: t('m'),
    kilometres: t('km'),
    annotate: t('Annotate'),
    annotateHint: t('Click the map for a point annotation; shift-click two or more points for a line.'),
    createLine: t('Create Line ({0} points)'),
    clearLine: t('Clear'),
  };
}

export function galleryLabels(): GalleryStrings {
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
    adaptive: qualityLabel('adaptive'),
    smooth: qualityLabel('smooth'),
    ultra_high_definition: qualityLabel('ultra_high_definition'),
    openWeb: t('Open in FlightHub 2'),
    desktopNote: t('Video only in VS Code desktop: its webviews cannot decode AAC audio.'),
  };
}

export function routeLabels(): RouteLabels {
  const t = vscode.l10n.t;
  return {
    waypoint: t('Waypoint'),
    latitude: t('Latitude'),
    longitude: t('Longitude'),
    height: t('Height (m)'),
    speed: t('Speed (m/s)'),
    actions: t('Actions'),
    wayline: t('Wayline'),
    turnMode: t('Turn mode'),
    heightMode: t('Height mode'),
    takeOff: t('Take-off point'),
    errors: t('errors'),
    warnings: t('warnings'),
    infos: t('notes'),
    noFindings: t('No findings'),
    refresh: t('Reload'),
    unreadable: t('The route could not be read; see the findings.'),
    loading: t('Reading the route…'),
    waypoints: t('waypoints'),
    distance: t('Distance'),
  };
}

export function trajectoryLabels(): TrajectoryLabels {
  const t = vscode.l10n.t;
  return {
    flown: t('Flown'),
    planned: t('Planned route'),
    media: t('Photos'),
    aircraft: t('Aircraft'),
    export: t('Export GeoJSON'),
    play: t('Play'),
    pause: t('Pause'),
    speed: t('Replay speed'),
    height: t('Height'),
    time: t('Time'),
    elapsed: t('Elapsed'),
    noTrack: t('FlightHub 2 has no track points for this task.'),
    plannedMissing: t('The planned route is not shown:'),
    unplaced: t('media files could not be placed on the map'),
    loading: t('Loading the trajectory…'),
    waypoint: t('Waypoint'),
    distance: t('Distance'),
    duration: t('Duration'),
    reload: t('Reload'),
  };
}
