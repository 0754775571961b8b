// The device models the demo organization uses (docs/api.md#device-enums,
// docs/api.md#demo-organization; docs/wpml.md#drone-and-payload-enums).

export type DeviceClass = 'airport' | 'drone' | 'rc';

export interface CameraSpec {
  readonly index: string;
  /** Dock cameras switch position (docs/api.md#payload-control). */
  readonly positions?: readonly string[];
  /** Aircraft cameras switch lens (docs/api.md#payload-control). */
  readonly lenses?: readonly string[];
}

export interface ModelSpec {
  readonly key: string;
  readonly name: string;
  readonly class: DeviceClass;
  readonly cameras: readonly CameraSpec[];
  /** Main camera payload enum, for routes flown by this aircraft (docs/wpml.md#drone-and-payload-enums). */
  readonly payloadEnum?: number;
}

const THERMAL_LENSES = ['normal', 'wide', 'zoom', 'ir'];

// Dock 3's camera index is not documented; the Dock 2 index is reused [INFERRED].
export const MODELS = {
  dock2: {
    key: '3-2-0',
    name: 'DJI Dock 2',
    class: 'airport',
    cameras: [{ index: '165-0-7', positions: ['indoor', 'outdoor'] }],
  },
  dock3: {
    key: '3-3-0',
    name: 'DJI Dock 3',
    class: 'airport',
    cameras: [{ index: '165-0-7', positions: ['indoor', 'outdoor'] }],
  },
  m3td: {
    key: '0-91-1',
    name: 'M3TD',
    class: 'drone',
    payloadEnum: 81,
    cameras: [
      { index: '176-0-0', lenses: ['normal'] },
      { index: '81-0-0', lenses: THERMAL_LENSES },
    ],
  },
  m4td: {
    key: '0-100-1',
    name: 'M4TD',
    class: 'drone',
    payloadEnum: 99,
    cameras: [
      { index: '176-0-0', lenses: ['normal'] },
      { index: '99-0-0', lenses: THERMAL_LENSES },
    ],
  },
  m4t: {
    key: '0-99-1',
    name: 'M4T',
    class: 'drone',
    payloadEnum: 89,
    cameras: [{ index: '89-0-0', lenses: THERMAL_LENSES }],
  },
  // Used only by the deliberately mismatched route (219019): no dock in the organization carries it.
  m30t: { key: '0-67-1', name: 'M30T', class: 'drone', payloadEnum: 53, cameras: [] },
  rcPlus2: { key: '2-174-0', name: 'DJI RC Plus 2', class: 'rc', cameras: [] },
} as const satisfies Record<string, ModelSpec>;

export type ModelName = keyof typeof MODELS;

export function modelParts(key: string): { domain: string; type: string; sub_type: string } {
  const [domain = '', type = '', sub = ''] = key.split('-');
  return { domain, type, sub_type: sub };
}

/** Aircraft `mode_code` ints and the named strings the thing model uses (docs/api.md#device-enums). */
export const AIRCRAFT_MODE = {
  standby: 0,
  wayline_flight: 5,
  auto_rth: 9,
  auto_landing: 10,
  not_connected: 14,
} as const;
export const DOCK_MODE = { idle: 0, in_operation: 4 } as const;

export interface HmsSpec {
  readonly code: string;
  readonly level: 'notification' | 'reminder' | 'warning';
  readonly module: string;
  readonly inTheSky: boolean;
  readonly message: { en: string; zh: string };
}

// Plausible alerts in the DJI HMS style (docs/api.md#hms); codes and texts are illustrative [INFERRED].
export const HMS_CATALOG = {
  dockHeating: {
    code: '0x19110002',
    level: 'notification',
    module: 'dock',
    inTheSky: false,
    message: { en: 'Dock air conditioner is heating the cabin', zh: '机场空调正在制热' },
  },
  firmware: {
    code: '0x1B0100A0',
    level: 'reminder',
    module: 'dock',
    inTheSky: false,
    message: {
      en: 'Dock firmware is outdated; update it to fly tasks',
      zh: '机场固件版本过低，请升级后执行任务',
    },
  },
  batteryCold: {
    code: '0x16100083',
    level: 'warning',
    module: 'flight_control',
    inTheSky: false,
    message: {
      en: 'Aircraft battery temperature is low; warm it up before take-off',
      zh: '飞行器电池温度低，请预热后起飞',
    },
  },
  network: {
    code: '0x1B030012',
    level: 'warning',
    module: 'dock',
    inTheSky: false,
    message: { en: 'Dock network disconnected', zh: '机场网络断开' },
  },
} as const satisfies Record<string, HmsSpec>;
export type HmsName = keyof typeof HMS_CATALOG;
