"""The stop button, through the real kernel: run by `kit.py test` inside .venv/ after the notebooks.

Starts the kit's JJava kernel, begins a long `fit` in one cell, interrupts the kernel as JupyterLab's stop button
does, and runs a follow-up cell that must work: training has stopped (the weights no longer change), the model and
ND4J's memory are usable (a reconstruction, an evaluation), the trainer's lastHistory() holds the finished epochs,
and training can go on.
"""
import sys
import time

from jupyter_client.manager import KernelManager

from report import report

SETUP = """
Dataset train = KitData.mnist().slice(0, 2000);
Autoencoder ae = Autoencoder.dense(784, 64, 16);
Trainer trainer = Trainer.defaults().epochs(100000).quiet();
"""
LONG_FIT = "trainer.fit(ae, train.x());"
FOLLOW_UP = """
Thread.sleep(500);
INDArray before = ae.params().get(0).value.dup();
Thread.sleep(1500);
Expect.that("training stopped after the interrupt", before.equals(ae.params().get(0).value));
Expect.above("finished epochs in lastHistory()", trainer.lastHistory().epochs().size(), 0.5);
Expect.below("test BCE of the interrupted model", Trainer.defaults().evaluate(ae, train.x(), train.x()), 0.7);
Expect.that("a reconstruction without NaN", !ae.reconstruct(train.x()).isNaN().any());
Expect.that("training goes on", Trainer.defaults().epochs(1).quiet().fit(ae, train.x()).epochs().size() == 1);
System.out.println("after the interrupt: " + trainer.lastHistory());
"""


def run(kc, code, timeout):
    """Executes code; returns (status, text printed, error) once the kernel replies."""
    msg_id = kc.execute(code)
    text, error = [], None
    deadline = time.time() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            text.append(content["text"])
        elif kind == "error":
            error = f"{content['ename']}: {content['evalue']}"
        elif kind == "status" and content["execution_state"] == "idle":
            break
    return reply_to(kc, msg_id, timeout)["content"]["status"], "".join(text), error


def reply_to(kc, msg_id, timeout):
    """The shell reply to one request (skipping replies to earlier ones, such as wait_for_ready's kernel_info)."""
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply


def main():
    km = KernelManager(kernel_name="aekit")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    problems = []
    try:
        kc.wait_for_ready(timeout=120)
        status, _, error = run(kc, SETUP, 120)
        if status != "ok":
            sys.exit(f"[test_interrupt] the set-up cell failed: {error}")
        msg_id = kc.execute(LONG_FIT)
        time.sleep(8)   # a few epochs in
        km.interrupt_kernel()
        if reply_to(kc, msg_id, 60)["content"]["status"] == "ok":
            problems.append("the long fit finished instead of being interrupted")
        status, text, error = run(kc, FOLLOW_UP, 180)
        if status != "ok":
            problems.append(f"the cell after the interrupt failed: {error}")
        else:
            print(f"[test_interrupt] {text.strip()}", flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return report("interrupt", problems)


if __name__ == "__main__":
    sys.exit(main())
