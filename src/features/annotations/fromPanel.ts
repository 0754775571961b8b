// Annotate mode of the map panels: the page posts a checked point or line (annotateMessage in
// src/webviews/map/protocol.ts); here the person names it and it is created in the panel's project.
// Failures are shown here: a page message has no command error boundary around it.
import * as vscode from 'vscode';
import { describeError } from '../../core/errorText';
import type { Services } from '../../services/services';
import type { ProjectBinding } from '../../services/session';
import { UserCancelled } from '../../ui/run';
import type { AnnotateMessage } from '../../webviews/map/protocol';
import { askName, checkedAnnotation, sendAnnotation, type CreatedAnnotation } from './create';

/**
 * Creates the annotation the page asked for in the project `binding` names (a function: a panel of a
 * file on disk uses the project active now); undefined when the person cancelled or it failed.
 */
export async function annotateFromPanel(
  services: Services,
  binding: () => ProjectBinding,
  message: AnnotateMessage,
): Promise<CreatedAnnotation | undefined> {
  try {
    const annotation = checkedAnnotation(message.geometry);
    const api = await services.session.apiFor(binding());
    const name = await askName(annotation, message.label);
    const created = await sendAnnotation(api, name, annotation);
    services.log.info(`map annotation ${created.id} (type ${created.type}) created from a map panel`);
    return created;
  } catch (error) {
    if (error instanceof UserCancelled) return undefined;
    services.log.error(`map annotation: ${describeError(error)}`);
    void vscode.window.showErrorMessage(describeError(error));
    return undefined;
  }
}
