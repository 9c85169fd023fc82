import type { Service } from '../../../../shared/api-schemas.ts';
import { isTextType } from '../../../../shared/content-type.ts';
import { isFunction, type PaneFile } from '../../../lib/files.ts';
import { AssetDetails } from './asset-details.tsx';
import { MediaPreview } from './media-preview.tsx';
import { TextAssetEditor } from './text-asset-editor.tsx';
import styles from './asset-view.module.css';

/** Picks how to show the file's latest version: code editor (functions, text), image, audio player or details. */
export function AssetView({ service, asset }: { service: Service; asset: PaneFile }) {
  if (isFunction(asset)) {
    if (!asset.latest_version) return <p className={styles.notice}>This function has no code yet.</p>;
    return <TextAssetEditor service={service} asset={asset} version={asset.latest_version} />;
  }
  const version = asset.latest_version;
  if (!version) {
    return <p className={styles.notice}>This asset has no content yet: upload a file to it.</p>;
  }
  const type = version.content_type.split(';')[0]!.trim();
  if (isTextType(type)) return <TextAssetEditor service={service} asset={asset} version={version} />;
  if (type.startsWith('image/') || type.startsWith('audio/')) {
    return <MediaPreview version={version} kind={type.startsWith('image/') ? 'image' : 'audio'} />;
  }
  return (
    <div className={styles.scroll}>
      <p className={styles.notice}>This type of file cannot be previewed here.</p>
      <AssetDetails version={version} />
    </div>
  );
}
