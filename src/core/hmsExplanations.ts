// What an HMS (health management system) alert means and what to do about it, by code
// (docs/api.md#hms), as English source text without VS Code: the Device State panel translates it
// (features/devices/hmsDictionary.ts; the zh-cn entries are in the l10n bundle like the rest) and
// the agent tools hand it to a model as it is. Covers every code the simulator raises
// (src/simulator/world/catalog.ts HMS_CATALOG, whose texts are illustrative) and the one public example,
// 0x16100083.

export interface HmsExplanation {
  readonly explanation: string;
  readonly remedy: string;
}

const HMS_EXPLANATIONS: Readonly<Record<string, HmsExplanation>> = {
  '0x16100083': {
    explanation: 'The aircraft battery is too cold to take off safely.',
    remedy: 'Let the dock warm the battery, or warm it up before take-off; then check the alert has cleared.',
  },
  '0x19110002': {
    explanation: 'The dock air conditioner is heating the cabin (cold weather).',
    remedy: 'Nothing to do: tasks can start once the cabin is warm enough.',
  },
  '0x1b0100a0': {
    explanation: 'The dock firmware is older than the version this operation needs.',
    remedy: 'Update the dock and aircraft firmware in FlightHub 2 (Devices → firmware update).',
  },
  '0x1b030012': {
    explanation: 'The dock lost its network connection to FlightHub 2.',
    remedy: "Check the dock's network cable, router or 4G dongle; the dock reconnects by itself.",
  },
};

/** Codes are hex strings (`0x1B0100A0`); case does not matter. English; undefined for unknown codes. */
export function hmsExplanation(code: string): HmsExplanation | undefined {
  return HMS_EXPLANATIONS[code.trim().toLowerCase()];
}
