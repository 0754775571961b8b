// Creating a map annotation (docs/api.md#map-annotations) once its shape is checked: ask for a name
// unless one is given, send `POST /map/element` to the project, and say what was created. Shared by
// the palette command (commands.ts) and the map panels' Annotate mode (fromPanel.ts).
import * as vscode from 'vscode';
import type { ProjectApi } from '../../api/projectApi';
import { UserCancelled } from '../../ui/run';
import { describeIssues, kindLabel, suggestedName } from './annotationText';
import { mapElementBody, parseAnnotation, resourceType, type Annotation } from './geojson';

/** What the command returns (and integration tests read). */
export interface CreatedAnnotation {
  readonly id: string;
  readonly name: string;
  /** 0 point, 1 line, 2 polygon */
  readonly type: 0 | 1 | 2;
  readonly projectUuid: string;
}

/** The checked annotation, or an error that names everything wrong with the input (nothing is sent). */
export function checkedAnnotation(input: unknown, source?: string): Annotation {
  const result = parseAnnotation(input);
  if (result.ok) return result.value;
  const text = describeIssues(result.issues);
  throw new Error(
    source
      ? vscode.l10n.t('{0} is not a usable annotation: {1}', source, text)
      : vscode.l10n.t('The GeoJSON is not a usable annotation: {0}', text),
  );
}

export async function askName(annotation: Annotation, suggestion?: string): Promise<string> {
  const t = vscode.l10n.t;
  const name = await vscode.window.showInputBox({
    title: t('Create Map Annotation'),
    prompt: t('Name of the {0} annotation in FlightHub 2', kindLabel(annotation.geometry)),
    value: suggestion ?? annotation.name ?? suggestedName(annotation.geometry),
    validateInput: (v) => (v.trim() ? undefined : t('Enter a name.')),
  });
  if (name === undefined) throw new UserCancelled();
  return name.trim();
}

/** Sends the annotation to the project of `api` and tells the person what was created. */
export async function sendAnnotation(
  api: ProjectApi,
  name: string,
  annotation: Annotation,
  desc?: string,
): Promise<CreatedAnnotation> {
  const body = mapElementBody(
    name,
    desc ?? annotation.desc ?? vscode.l10n.t('Created in VS Code with FlightHub 2 Workbench'),
    annotation,
  );
  const { id } = await api.createMapElement(body);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Created the {0} annotation "{1}" in FlightHub 2.', kindLabel(annotation.geometry), name),
  );
  return { id, name, type: resourceType(annotation.geometry), projectUuid: api.uuid };
}
