import type { Asset, Service } from '../../../../shared/api-schemas.ts';
import { isTextType } from '../../../../shared/content-type.ts';
import { AssetDetails } from './asset-details.tsx';
import { MediaPreview } from './media-preview.tsx';
import { TextAssetEditor } from './text-asset-editor.tsx';
import styles from './asset-view.module.css';

/** Picks how to show the asset's latest version: code editor, image, audio player or details. */
export function AssetView({ service, asset }: { service: Service; asset: Asset }) {
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
