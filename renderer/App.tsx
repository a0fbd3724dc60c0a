import { useEffect } from 'react';
import { BrowserPane } from './components/BrowserPane';
import { DeleteProfileDialog } from './components/DeleteProfileDialog';
import { ImportDialog } from './components/ImportDialog';
import { InspectorPanel } from './components/InspectorPanel';
import { ProfileEditorDialog } from './components/ProfileEditorDialog';
import { Sidebar } from './components/Sidebar';
import { SlowRequestNotice } from './components/SlowRequestNotice';
import { startSession } from './actions/session';

/** The window: profiles and buckets on the left, the open folder in the middle, the inspector on the right, and the dialogs over them. */
export function App() {
  useEffect(() => startSession(), []);

  return (
    <div className="app app-with-inspector">
      <Sidebar />
      <BrowserPane />
      <InspectorPanel />
      <ProfileEditorDialog />
      <ImportDialog />
      <DeleteProfileDialog />
      <SlowRequestNotice />
    </div>
  );
}
