import { useEffect } from 'react';
import { BrowserPane } from './browser/BrowserPane';
import { DeleteProfileDialog } from './profiles/DeleteProfileDialog';
import { ImportDialog } from './transfers/ImportDialog';
import { InspectorPanel } from './inspector/InspectorPanel';
import { ProfileEditorDialog } from './profiles/ProfileEditorDialog';
import { Sidebar } from './profiles/Sidebar';
import { SlowRequestNotice } from './common/SlowRequestNotice';
import { startSession } from './actions/session';
import { UploadNotice } from './uploads/UploadNotice';
import { UploadSheet } from './uploads/UploadSheet';

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
      <UploadSheet />
      <UploadNotice />
    </div>
  );
}
