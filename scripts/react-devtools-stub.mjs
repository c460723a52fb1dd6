// Stands in for react-devtools-core in the bundle: aks-runbook never connects React devtools.
export default { initialize() {}, connectToDevTools() {} };
