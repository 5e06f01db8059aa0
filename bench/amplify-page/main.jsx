// The anchor: Amplify UI's <Authenticator> configured like our bench page, nothing else.
import { Amplify } from 'aws-amplify';
import { Authenticator } from '@aws-amplify/ui-react';
import '@aws-amplify/ui-react/styles.css';
import { createRoot } from 'react-dom/client';

const config = JSON.parse(document.getElementById('cognito-widget-config').textContent);
Amplify.configure(config.amplify_outputs);
createRoot(document.getElementById('root')).render(
  <Authenticator>{({ signOut }) => <button onClick={signOut}>Sign out</button>}</Authenticator>,
);
