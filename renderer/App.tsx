import { useEffect, useState } from 'react';
import { AddProfileDialog } from './components/AddProfileDialog';
import { BrowserPane } from './components/BrowserPane';
import { Sidebar } from './components/Sidebar';
import { startSession } from './stores/session';

/** The window: profiles and buckets on the left, the open folder on the right. */
export function App() {
  const [addingProfile, setAddingProfile] = useState(false);

  useEffect(() => startSession(), []);

  return (
    <div className="app">
      <Sidebar onAddProfile={() => setAddingProfile(true)} />
      <BrowserPane />
      {addingProfile && <AddProfileDialog onClose={() => setAddingProfile(false)} />}
    </div>
  );
}
