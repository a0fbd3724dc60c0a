import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prepareDateFormat } from './common/format';
// The stylesheets, in the cascade's order: what every area shares first, then each area's own.
import './common/base.css';
import './common/forms.css';
import './common/menus.css';
import './dialogs/dialogs.css';
import './profiles/sidebar.css';
import './browser/panes.css';
import './browser/object-table.css';
import './profiles/profile-editor.css';
import './transfers/import.css';
import './inspector/inspector.css';
import './inspector/preview.css';
import './inspector/versions.css';
import './bucket-inspector/bucket-inspector.css';
import './transfers/activity.css';
import './transfers/transfers.css';
import './access/access.css';
import './links/links.css';
import './uploads/uploads.css';
import './sync/sync.css';
import './edit/edit.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
prepareDateFormat();
