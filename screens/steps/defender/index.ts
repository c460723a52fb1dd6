// The defender step's own screen: the generic frame plus the workspace prompt.
export { DefenderScreen } from './DefenderScreen.js';
