// vtk.js's XML readers and writers import xmlbuilder2, which needs Node's url and events modules at load time. The
// viewer reads no VTK XML files: this stands in for it and fails loudly if anything ever calls it.
export function create() {
  throw new Error('VTK XML input/output is not part of the MedImaging viewer bundle.');
}
