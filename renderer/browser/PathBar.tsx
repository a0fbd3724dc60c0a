import { useShallow } from 'zustand/react/shallow';
import { openFolder } from '../actions/navigation';
import { cancelSearch, clearSearch } from '../actions/search';
import { Breadcrumbs } from './Breadcrumbs';
import { Icon } from '../common/Icon';
import { usePane, usePaneId } from './pane-context';
import { parseSearchText, searchInWords } from '../../shared/search';

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Under the toolbars: the breadcrumbs of the open folder, or while a search is
 * shown, what was searched where, with "Cancel search" and "Clear search".
 */
export function PathBar() {
  const paneId = usePaneId();
  const { bucket, prefix, query, running, versionsMode } = usePane(
    useShallow((state) => ({
      bucket: state.bucket,
      prefix: state.prefix,
      query: state.search?.query,
      running: state.search?.status === 'running' || state.search?.status === 'starting',
      versionsMode: state.versionsMode,
    })),
  );
  if (!bucket) return null;
  if (query !== undefined) {
    return (
      <div className="pane-pathbar pane-pathbar-search">
        <Icon name="search" />
        <span className="truncate">
          {sentenceCase(searchInWords(parseSearchText(query)))} below {bucket}/{prefix}
        </span>
        <span className="pathbar-actions">
          {running && (
            <button type="button" className="button button-small" onClick={() => cancelSearch(paneId)}>
              Cancel search
            </button>
          )}
          <button type="button" className="button button-small" aria-keyshortcuts="Escape" onClick={() => clearSearch(paneId)}>
            Clear search
          </button>
        </span>
      </div>
    );
  }
  return (
    <div className="pane-pathbar">
      <Breadcrumbs bucket={bucket} prefix={prefix} onOpen={(next) => openFolder(paneId, next)} />
      {versionsMode && <span className="badge badge-mode">Showing versions</span>}
    </div>
  );
}
