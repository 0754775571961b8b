// Which connection and project a panel was opened for. The host binds each panel to them for good (a
// later switch of the active project or connection does not move an open panel), the page saves them
// with its state, and the serializer checks them before a restored panel asks for anything. Imports
// only zod: the host compiles this file too.
import * as z from 'zod';

export const panelBinding = z.object({
  connectionId: z.string().min(1).max(128),
  /** Kept so the panel can still name its connection after it was removed. */
  connectionName: z.string().min(1).max(100),
  projectUuid: z.string().min(1).max(128),
});
export type PanelBinding = z.infer<typeof panelBinding>;
