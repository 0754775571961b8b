// What the stream-forwarding error codes mean and what to do (docs/api.md#stream-forwarders; DJI's
// forwarding error page `doc-5690013`). Kept apart from the general catalogue in ./errorText.ts, which
// answers first.
import * as vscode from 'vscode';

export interface Explanation {
  readonly meaning: string;
  readonly remedy: string;
}

export function explainForwarderCode(code: number): Explanation | undefined {
  const t = vscode.l10n.t;
  const checkTarget = t(
    'Check the push URL or the GB28181 server settings, and that the server accepts the stream.',
  );
  switch (code) {
    case 228306:
      return {
        meaning: t('FlightHub 2 could not configure stream forwarding.'),
        remedy: t('Try again later.'),
      };
    case 233314:
    case 213024:
      return {
        meaning: t('The stream forwarder could not be created.'),
        remedy: t('Check the device (it must be in this project) and its camera, then try again.'),
      };
    case 213025:
      return {
        meaning: t('This stream forwarder already exists.'),
        remedy: t('Refresh Stream Forwarders and use the existing one.'),
      };
    case 233315:
    case 213026:
      return {
        meaning: t('The stream forwarder could not be deleted.'),
        remedy: t('Refresh and try again.'),
      };
    case 233316:
    case 213027:
      return { meaning: t('The stream forwarders could not be listed.'), remedy: t('Try again later.') };
    case 233317:
      return {
        meaning: t('This project already has the maximum of 20 stream forwarders.'),
        remedy: t('Delete a forwarder you no longer need, then create the new one.'),
      };
    case 213028:
    case 213054:
      return {
        meaning: t(
          'Another stream forwarder already pushes to this URL, or the forwarder could not be edited.',
        ),
        remedy: t('Use a different push URL (or stream key), or edit the existing forwarder.'),
      };
    case 213029:
    case 212056:
      return {
        meaning: t('The stream forwarder does not exist (deleted, or a wrong id).'),
        remedy: t('Refresh Stream Forwarders.'),
      };
    case 213050:
      return {
        meaning: t('Stream forwarding is not enabled on this FlightHub 2.'),
        remedy: t(
          'Stream forwarding needs an on-premises FlightHub 2 with forwarding turned on; ask its administrator.',
        ),
      };
    case 213051:
      return {
        meaning: t('Stream forwarding has been turned off on this FlightHub 2.'),
        remedy: t('Ask the administrator of your FlightHub 2 to turn it back on.'),
      };
    case 213055:
      return {
        meaning: t('Another forwarder already uses this channel name.'),
        remedy: t('Choose another name or GB28181 channel id.'),
      };
    case 213052:
    case 212057:
    case 212058:
      return {
        meaning: t("FlightHub 2 could not pull the device's video."),
        remedy: t('Check that the device is online and streaming, then try again.'),
      };
    case 213053:
    case 212060:
    case 212061:
      return { meaning: t('Pushing the video to the target server failed.'), remedy: checkTarget };
    default:
      return undefined;
  }
}
