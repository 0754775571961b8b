// Explanations for the business codes of docs/api.md#error-codes that core/errorText.ts does not spell
// out itself: what happened and what to do. English source text only (no `vscode` here, so unit tests
// can read it); errorText.ts translates each line through vscode.l10n.t, and
// test/unit/core/errorCatalogue.test.ts checks that every line has a Simplified Chinese entry.
// Stream-forwarder codes live in their own block elsewhere.

export interface CodeExplanation {
  readonly meaning: string;
  readonly remedy: string;
}

const DATABASE: CodeExplanation = {
  meaning: 'FlightHub 2 could not read or write its database.',
  remedy: 'Try again in a minute; if it keeps failing, report the request ID to DJI support.',
};

const ASSESSMENT: CodeExplanation = {
  meaning: 'FlightHub 2 could not run the device damage assessment.',
  remedy: 'Check that the device is online, then try again from the FlightHub 2 web app.',
};

/** General, task and livestream-start codes (docs/api.md#error-codes), by code. */
export const BUSINESS_CODE_EXPLANATIONS: Readonly<Record<number, CodeExplanation>> = {
  200615: {
    meaning: "FlightHub 2 found the project's data in an inconsistent state.",
    remedy: 'Refresh the view and try again.',
  },
  200702: {
    meaning: 'The network RTK provider did not answer FlightHub 2.',
    remedy: 'Try again later, or check the RTK service settings of the dock.',
  },
  231011: {
    meaning: 'There is nothing shared for this query.',
    remedy: 'Nothing to fix: start a livestream or share first.',
  },
  210104: {
    meaning: 'The project does not exist (any more).',
    remedy: 'Refresh the Projects view and pick another project.',
  },
  210113: {
    meaning: 'FlightHub 2 could not find which project the device belongs to.',
    remedy: 'Add the device to this project in FlightHub 2, then refresh the Devices view.',
  },
  210900: {
    meaning: 'Device authentication failed: the device is not bound to this organization.',
    remedy: 'Bind the dock and aircraft to the organization in FlightHub 2 (or DJI Pilot 2).',
  },
  219017: {
    meaning: 'FlightHub 2 has no trajectory for this task yet.',
    remedy: 'Wait until the aircraft has flown and uploaded its track, then try again.',
  },
  219021: {
    meaning: 'The record was not found.',
    remedy: 'Refresh the view: the task or route may have been deleted.',
  },
  219022: DATABASE,
  219023: DATABASE,
  219035: {
    meaning: 'The task could not be sent to the dock: the sortie has no flight record.',
    remedy: 'Check that the dock is online and idle, then create the task again.',
  },
  219039: {
    meaning: 'No flight record was found for this sortie.',
    remedy: 'The task may not have flown; check its status and the dock.',
  },
  213001: {
    meaning: 'The livestream could not start: FlightHub 2 could not look up the device or its connection.',
    remedy: 'Check that the device is online and in this project, then try again.',
  },
  213014: {
    meaning: 'This camera cannot stream.',
    remedy: 'Pick another camera of the device (docks and aircraft list their cameras in the device list).',
  },
  210051: {
    meaning: 'The organization has reached its limit for this kind of item.',
    remedy: 'Delete items you no longer need, or ask DJI to raise the limit.',
  },
  210080: {
    meaning: 'The feedback is incomplete.',
    remedy: 'Fill in every required field and send it again.',
  },
  210086: {
    meaning: 'Remote debugging could not be turned on.',
    remedy: 'Check that the dock is online and not flying a task, then try again.',
  },
  210087: {
    meaning: 'Remote debugging could not be turned off.',
    remedy: 'Try again; if the dock stays in debugging, turn it off in the FlightHub 2 web app.',
  },
  210088: ASSESSMENT,
  210089: ASSESSMENT,
  210090: ASSESSMENT,
  210091: ASSESSMENT,
  210092: ASSESSMENT,
  210093: ASSESSMENT,
  210094: ASSESSMENT,
  210095: ASSESSMENT,
  210096: ASSESSMENT,
};
