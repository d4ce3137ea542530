#!/usr/bin/python3
"""One real BitTorrent client (libtorrent, Debian's python3-libtorrent 2.0.x)
for the loopback harness (scripts/real/). Started by scripts/real/namespace.ts
inside a private network namespace; it never decides anything about the
experiment: it applies the limits it is given and reports what it sees.

stdout, one JSON object a line (times are CLOCK_MONOTONIC seconds, the clock
Node's process.hrtime reads, so the harness can put every client on one axis):
  {"ev": "ready", "t": T}     the torrent is in the session (the client's arrival)
  {"ev": "announced", "t": T} first tracker reply
  {"ev": "s", "t": T, "done": B, "up": B, "up_all": B, "down": B, "peers": K}
                              one status poll (payload counters exclude protocol
                              overhead; up_all includes it), every --poll seconds
  {"ev": "complete", "t": T}  every wanted byte verified
  {"ev": "error", "msg": M}
It exits on SIGTERM/SIGINT, when its parent dies, or at --deadline.
"""
import argparse
import json
import os
import signal
import sys
import time

import libtorrent as lt


def emit(obj):
    sys.stdout.write(json.dumps(obj, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def settings(port, up, down):
    return {
        "listen_interfaces": "127.0.0.1:%d" % port,
        # Every client shares 127.0.0.1: without this they refuse each other.
        "allow_multiple_connections_per_ip": True,
        # Nothing that could reach elsewhere or change the experiment.
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "enable_ip_notifier": False,
        "dht_bootstrap_nodes": "",
        # TCP only (the model has no uTP congestion control).
        "enable_incoming_utp": False,
        "enable_outgoing_utp": False,
        # Bytes per second; 0 means unlimited in libtorrent.
        "upload_rate_limit": up,
        "download_rate_limit": down,
        "alert_mask": lt.alert.category_t.tracker_notification | lt.alert.category_t.error_notification,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--torrent", required=True)
    ap.add_argument("--save", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--up", type=int, required=True, help="upload limit, bytes/s")
    ap.add_argument("--down", type=int, required=True, help="download limit, bytes/s (0: none)")
    ap.add_argument("--seed", action="store_true", help="holds the whole file (seed_mode: no hash check)")
    ap.add_argument("--poll", type=float, default=0.05)
    ap.add_argument("--deadline", type=float, required=True, help="seconds before giving up")
    args = ap.parse_args()

    stop = {"now": False}

    def on_signal(_sig, _frame):
        stop["now"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    parent = os.getppid()
    end = time.monotonic() + args.deadline

    ses = lt.session(settings(args.port, args.up, args.down))
    # Loopback peers fall in libtorrent's "local" peer class, which is not rate
    # limited: put every address in the global class so the limits apply.
    f = lt.ip_filter()
    f.add_rule("0.0.0.0", "255.255.255.255", 1 << lt.session.global_peer_class_id)
    ses.set_peer_class_filter(f)

    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(args.torrent)
    params.save_path = args.save
    if args.seed:
        params.flags |= lt.torrent_flags.seed_mode
    h = ses.add_torrent(params)
    emit({"ev": "ready", "t": time.monotonic()})

    announced = False
    complete = False
    while not stop["now"]:
        now = time.monotonic()
        if now > end:
            emit({"ev": "error", "msg": "deadline reached"})
            break
        if os.getppid() != parent:
            break  # the harness is gone: do not linger
        for a in ses.pop_alerts():
            if isinstance(a, lt.tracker_reply_alert) and not announced:
                announced = True
                emit({"ev": "announced", "t": now})
            elif isinstance(a, (lt.tracker_error_alert, lt.listen_failed_alert, lt.torrent_error_alert)):
                emit({"ev": "error", "msg": a.message()})
        st = h.status()
        emit({
            "ev": "s",
            "t": now,
            "done": st.total_wanted_done,
            "up": st.total_payload_upload,
            "up_all": st.total_upload,
            "down": st.total_payload_download,
            "peers": st.num_peers,
        })
        if not complete and st.total_wanted > 0 and st.total_wanted_done >= st.total_wanted:
            complete = True
            emit({"ev": "complete", "t": now})
        time.sleep(max(0.0, args.poll - (time.monotonic() - now)))
    ses.pause()


if __name__ == "__main__":
    main()
