// Choosing a camera, a lens or camera position, and payloads from a device's `camera_list`
// (docs/api.md#device-lists: the gateway's list feeds the dock camera switch, the drone's list the lens
// switch and control).
import * as vscode from 'vscode';
import { changeLensBody, type Device } from '../../api/schemas/device';
import { deviceName, type ProjectDevice } from '../../ui/pickers';
import { UserCancelled } from '../../ui/run';

export type Camera = NonNullable<Device['camera_list']>[number];
export const LENS_TYPES = changeLensBody.shape.lens_type.options;

/** The lens types a camera can switch to, in the API's order. */
export function lensTypesOf(camera: Camera) {
  const all = (camera.lens_list ?? []).flatMap((l) => l.available_lens_types ?? []);
  return LENS_TYPES.filter((l) => all.includes(l));
}

function describeCamera(c: Camera): string {
  const lenses = (c.lens_list ?? []).flatMap((l) => l.available_lens_types ?? []);
  const options = lenses.length ? lenses : (c.available_camera_positions ?? []);
  const current = c.camera_position ?? c.lens_list?.find((l) => l.lens_type)?.lens_type;
  return [options.join(', '), current ? vscode.l10n.t('current: {0}', current) : '']
    .filter(Boolean)
    .join(' · ');
}

function noCameras(d: ProjectDevice): Error {
  return new Error(
    vscode.l10n.t(
      '{0} reports no usable camera. FlightHub 2 fills the camera list only while the device is powered on.',
      deviceName(d.device),
    ),
  );
}

/** The given camera (checked), the only usable one, or the one the person picks. */
export async function chooseCamera(
  d: ProjectDevice,
  given: string | undefined,
  usable: (c: Camera) => boolean,
): Promise<Camera> {
  const all = d.device.camera_list ?? [];
  const cameras = all.filter(usable);
  if (given !== undefined) {
    const found = cameras.find((c) => c.camera_index === given);
    if (found) return found;
    const known = cameras.map((c) => c.camera_index).join(', ') || '-';
    throw new Error(
      vscode.l10n.t('{0} has no camera {1} for this (cameras: {2}).', deviceName(d.device), given, known),
    );
  }
  const [first, ...rest] = cameras;
  if (!first) throw noCameras(d);
  if (!rest.length) return first;
  const items = cameras.map((c) => ({ label: c.camera_index, description: describeCamera(c), camera: c }));
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Which camera?') });
  if (!pick) throw new UserCancelled();
  return pick.camera;
}

/** The given value (checked against `options`) or the one the person picks; the current one is marked. */
export async function chooseOne<T extends string>(
  options: readonly T[],
  given: T | undefined,
  current: string | null | undefined,
  o: {
    readonly title: string;
    readonly label: (value: T) => string;
    readonly unknown: (value: string) => string;
  },
): Promise<T> {
  if (given !== undefined) {
    if (!options.includes(given)) throw new Error(o.unknown(given));
    return given;
  }
  const items = options.map((value) => ({
    label: o.label(value),
    description: value === current ? vscode.l10n.t('current') : value,
    value,
  }));
  const pick = await vscode.window.showQuickPick(items, { title: o.title });
  if (!pick) throw new UserCancelled();
  return pick.value;
}

/** Payload indexes for control: the given ones (checked), the only camera, or a multi-pick. */
export async function choosePayloads(
  d: ProjectDevice,
  given: string[] | undefined,
  title: string,
): Promise<string[]> {
  const cameras = d.device.camera_list ?? [];
  const indexes = cameras.map((c) => c.camera_index);
  if (given) {
    const unknown = given.filter((i) => !indexes.includes(i));
    if (!unknown.length) return given;
    const known = indexes.join(', ') || '-';
    throw new Error(
      vscode.l10n.t('{0} has no camera {1} (cameras: {2}).', deviceName(d.device), unknown.join(', '), known),
    );
  }
  if (!indexes.length) throw noCameras(d);
  if (indexes.length === 1) return indexes;
  // Preselect the camera with the most lenses: the main gimbal camera (81-0-0 on an M3TD,
  // docs/api.md#device-lists), which is what lens and stream commands need control of. The person can change
  // the selection.
  const lensCount = (c: Camera) => (c.lens_list ?? []).flatMap((l) => l.available_lens_types ?? []).length;
  const main = cameras.reduce((best, c) => (lensCount(c) > lensCount(best) ? c : best));
  const items = cameras.map((c) => ({
    label: c.camera_index,
    description: describeCamera(c),
    picked: c === main,
  }));
  const picks = await vscode.window.showQuickPick(items, { title, canPickMany: true });
  if (!picks?.length) throw new UserCancelled();
  return picks.map((p) => p.label);
}
