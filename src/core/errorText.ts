// What an error means for the person in front of VS Code, with a remedy (docs/api.md#error-codes).
import * as vscode from 'vscode';
import { BusinessError, FlightHubError } from '../api/errors';
import { explainForwarderCode } from './forwarderErrors';
import { BUSINESS_CODE_EXPLANATIONS } from './errorCatalogue';

export interface Explanation {
  readonly meaning: string;
  readonly remedy: string;
}

/** The meaning and remedy of a business code, translated; undefined for codes we cannot explain. */
export function explainCode(code: number): Explanation | undefined {
  const t = vscode.l10n.t;
  switch (code) {
    case 200401:
      return {
        meaning: t('The organization key is missing, invalid or expired, or belongs to another region.'),
        remedy: t(
          'Check the key and the region of this connection (FlightHub 2 → Organization Settings → OpenAPI).',
        ),
      };
    case 200403:
      return {
        meaning: t('The key has no permission for this project.'),
        remedy: t("Pick another project, or add the key's user to the project in FlightHub 2."),
      };
    case 200404:
      return {
        meaning: t('The project or resource was not found.'),
        remedy: t('Refresh the view: it may have been deleted.'),
      };
    case 200101:
    case 200610:
      return {
        meaning: t('FlightHub 2 rejected the request parameters.'),
        remedy: t('Check the values you entered; the message says which one.'),
      };
    case 200700:
      return {
        meaning: t('The firmware of the device is too old for this operation.'),
        remedy: t('Update the dock and aircraft firmware in FlightHub 2.'),
      };
    case 210429:
      return {
        meaning: t('Too many requests: FlightHub 2 is rate limiting.'),
        remedy: t('Wait a moment and try again.'),
      };
    case 212015:
      return {
        meaning: t('The device is offline.'),
        remedy: t('Power the device on or wait until it reconnects.'),
      };
    case 219014:
      return {
        meaning: t('The dock does not belong to this project.'),
        remedy: t('Pick a dock of the active project.'),
      };
    case 219001:
      return { meaning: t('The route file was not found.'), remedy: t('Upload the route again.') };
    case 219019:
      return {
        meaning: t("The route failed FlightHub 2's validity check."),
        remedy: t("Check the route's aircraft model, waypoints and heights, then upload it again."),
      };
    case 219020:
      return {
        meaning: t('The route has not been validated yet.'),
        remedy: t('Open the route in FlightHub 2 once, or upload it again.'),
      };
    case 228402:
      return {
        meaning: t('The flight control authority check failed.'),
        remedy: t('Acquire control of the device first, or release it from another user.'),
      };
    case 228406:
      return {
        meaning: t("This operation is not possible in the device's current state."),
        remedy: t('Refresh and check the task and device state.'),
      };
    case 200500:
    case 210318:
    case 210500:
    case 210504:
    case 228500:
      return { meaning: t('FlightHub 2 had a server error.'), remedy: t('Try again later.') };
    default:
      return fromCatalogue(code) ?? explainForwarderCode(code);
  }
}

function fromCatalogue(code: number): Explanation | undefined {
  const known = BUSINESS_CODE_EXPLANATIONS[code];
  // The catalogue holds English source text; its zh-cn entries are in the l10n bundle like the rest.
  return known && { meaning: vscode.l10n.t(known.meaning), remedy: vscode.l10n.t(known.remedy) };
}

/** One line for a notification or a tree node. */
export function describeError(error: unknown): string {
  if (BusinessError.is(error)) {
    const e = explainCode(error.businessCode);
    const server = error.serverMessage ? ` (${error.serverMessage})` : '';
    return e
      ? vscode.l10n.t('{0} {1} [code {2}{3}]', e.meaning, e.remedy, String(error.businessCode), server)
      : vscode.l10n.t('FlightHub 2 error {0}{1}', String(error.businessCode), server);
  }
  if (FlightHubError.is(error)) {
    const id = error.requestId ? ` [request ${error.requestId}]` : '';
    return `${localizedKind(error)}${id}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function localizedKind(error: FlightHubError): string {
  const t = vscode.l10n.t;
  switch (error.code) {
    case 'network':
      return t('Cannot reach FlightHub 2: {0}', error.message);
    case 'timeout':
      return t('FlightHub 2 did not answer in time.');
    case 'html_response':
      return t('The server answered with a web page, not the API: check the URL of this connection.');
    case 'cancelled':
      return t('Cancelled.');
    default:
      return error.message;
  }
}
