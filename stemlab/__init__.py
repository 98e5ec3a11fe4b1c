"""A Jupyter-first workbook for modern scanning transmission electron microscopy

Modules:

- `stemlab.phonons`: Force constants from a universal machine-learned potential (phonopy + CHGNet), dispersion and projected phonon densities of states, classical harmonic snapshots restricted to frequency bands (streamed through an inverse FFT over the commensurate q-points), and anisotropic displacement parameters (thermal ellipsoids).
- `stemlab.templates`: 4D-STEM as a matrix: per-pixel statistics, Pearson-correlation (PCC) maps of a template image, template-optimised images, virtual BF/ABF/ADF detectors, centre of mass and iCoM, the sorted matrix view and principal images (Xie et al., *Template masks for 4D-STEM*). Every operation is one streamed pass over scan chunks, so the same code runs on numpy, on dask arrays chunked over the scan (read from zarr or HDF5) and on cupy."""

__version__ = "0.1.0"
