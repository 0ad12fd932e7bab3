# Peer figure for `medimaging bench parse`: pydicom dcmread + pixel_array, and header-only dcmread.
import sys, time
import pydicom

files = sys.argv[1:]

def run(full):
    start = time.perf_counter()
    for f in files:
        if full:
            ds = pydicom.dcmread(f)
            ds.pixel_array
        else:
            pydicom.dcmread(f, stop_before_pixels=True)
    return len(files) / (time.perf_counter() - start)

run(True)
print("full %.1f" % max(run(True) for _ in range(2)))
print("header %.1f" % max(run(False) for _ in range(2)))
print("version %s" % pydicom.__version__)
