// What every command factory gets: the services, the JSON documents and the sidebar's views. `Views`
// starts empty here and each feature adds its own tree to it (declaration merging in the feature's
// view file), so this layer names no feature and imports run one way: features → ui.
import type { Services } from '../services/services';
import type { DetailsPanels } from './details/detailsPanels';
import type { JsonDocuments } from './jsonDocs';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the features
export interface Views {}

/** Everything a command factory may use. */
export interface CommandContext {
  readonly services: Services;
  readonly docs: JsonDocuments;
  readonly views: Views;
  /** The readable details pages (task, route). */
  readonly details: DetailsPanels;
}

export type CommandHandler = (...args: unknown[]) => unknown;
export type CommandFactory = (ctx: CommandContext) => CommandHandler;
