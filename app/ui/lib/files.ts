import type { Asset, AssetVersion, FunctionResource, FunctionVersion } from '../../shared/api-schemas.ts';
import { assetKeys, functionKeys } from './query-keys.ts';

/** The two kinds of file a service holds; the pane, the editor and their menus treat both alike. */
export type FileKind = 'asset' | 'function';
export type PaneFile = Asset | FunctionResource;
export type FileVersion = AssetVersion | FunctionVersion;

export const FILE_KINDS = {
  asset: { collection: 'Assets', noun: 'asset', keys: assetKeys },
  function: { collection: 'Functions', noun: 'function', keys: functionKeys },
} as const;

export const isFunction = (file: PaneFile): file is FunctionResource => 'function_versions' in file.links;

export const kindOf = (file: PaneFile): FileKind => (isFunction(file) ? 'function' : 'asset');

/** The API path of a service's Assets or Functions. */
export const filesPath = (serviceSid: string, kind: FileKind) =>
  `/v1/Services/${serviceSid}/${FILE_KINDS[kind].collection}`;

/** The query key of a service's list of assets or functions. */
export const filesKey = (serviceSid: string, kind: FileKind) => FILE_KINDS[kind].keys.list(serviceSid);
