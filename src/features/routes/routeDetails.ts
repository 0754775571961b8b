// The readable route details (aircraft, payloads, size, waypoints, last change) and their actions,
// shown by src/ui/details; "Open as JSON" keeps the raw route details one click away.
import * as vscode from 'vscode';
import type { ProjectApi } from '../../api/projectApi';
import type { DetailsModel, DetailsRow } from '../../ui/details/detailsPage';
import { formatTime } from '../../ui/tree/nodes';

type RouteDetail = Awaited<ReturnType<ProjectApi['waylines']['detail']>>;

export function routeDetailsModel(detail: RouteDetail): DetailsModel {
  const t = vscode.l10n.t;
  // Local time of this machine, named (the route list's times are instants, not in a task's zone).
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const rows: DetailsRow[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value) rows.push({ label, value });
  };
  add(t('Aircraft model'), detail.device_model_key ?? undefined);
  add(t('Template types'), (detail.template_types ?? []).join(', '));
  const payloads = (detail.payload_information ?? [])
    .map((p) => [p.type, p.lens_type].filter(Boolean).join(' '))
    .filter(Boolean);
  add(t('Payloads'), payloads.join(', '));
  if (typeof detail.wayline_point_nums === 'number') add(t('Waypoints'), String(detail.wayline_point_nums));
  if (typeof detail.distance === 'number') add(t('Distance'), t('{0} m', Math.round(detail.distance)));
  if (typeof detail.size === 'number') add(t('File size'), t('{0} KB', Math.ceil(detail.size / 1024)));
  if (typeof detail.update_time === 'number') {
    // Route times are Unix milliseconds or seconds depending on the API version.
    const seconds = detail.update_time > 1e12 ? Math.floor(detail.update_time / 1000) : detail.update_time;
    add(t('Last changed'), `${formatTime(seconds)} (${zone})`);
  }
  rows.push({ label: 'UUID', value: detail.id });
  const arg = [{ id: detail.id, name: detail.name }];
  const action = (label: string, command: string) => ({ label, command, args: arg });
  return {
    title: t('{0} route', detail.name),
    sections: [{ title: t('Route'), rows }],
    actions: [
      action(t('Preview'), 'flighthub.previewRoute'),
      action(t('Create Task'), 'flighthub.createTaskFromRoute'),
      action(t('Download'), 'flighthub.downloadRoute'),
      action(t('Open as JSON'), 'flighthub.showRouteDetailsJson'),
    ],
  };
}
