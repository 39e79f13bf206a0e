"""pretrain: the models chapters load after their short live runs, trained again from their recipes."""
import os

from .common import ROOT, THREADS, build_library, java, newer_jdk_flags, run, say, vector_api


def pretrain(args=()):
    """Trains the named recipes of aekit.pretrained.Pretrained (all of them without names) and writes data/models/:
    weights, training history, the manifest's row and the checksums. About 30 minutes for all on 2 cores."""
    classpath = build_library()
    env = {**os.environ, **THREADS, "AEKIT_DATA": os.path.join(ROOT, "data")}
    run([java(), "-Xmx2g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G", "-Djava.awt.headless=true"] + vector_api()
        + newer_jdk_flags() + ["-cp", classpath, "aekit.pretrained.Pretrain", *args], cwd=ROOT, env=env)
    say("pretrained models written to data/models/; commit them with data/SHA256SUMS")
