#!/usr/bin/python3
"""One real BitTorrent client (libtorrent, Debian's python3-libtorrent 2.0.x)
for the loopback harness (scripts/real/). Started by scripts/real/namespace.ts
inside a private network namespace; it never decides anything about the
experiment: it applies the limits it is given and reports what it sees.

stdout, one JSON object a line (times are CLOCK_MONOTONIC seconds, the clock
Node's process.hrtime reads, so the harness can put every client on one axis):
  {"ev": "ready", "t": T}     the torrent is in the session (the client's arrival)
  {"ev": "announced", "t": T} first tracker reply
  {"ev": "s", "t": T, "done": B, "up": B, "up_all": B, "down": B, "peers": K, "have": H}
                              one status poll (payload counters exclude protocol
                              overhead; up_all includes it), every --poll seconds;
                              H = the verified pieces held (status().pieces) as hex,
                              piece 0 the high bit of the first digit (BEP 3's
                              bitfield order)
  {"ev": "p", "t": T, "peers": [[...], ...]}
                              one snapshot of every connection (PEER_FIELDS, in
                              that order), every --peer-poll seconds (0: never)
  {"ev": "c", "t": T, "v": [...]}
                              the session's counters named in SESSION_COUNTERS, in
                              that order (libtorrent's session_stats), with each
                              connection snapshot
  {"ev": "log", "t": T, "peer": PORT, "msg": M}
                              one of libtorrent's peer_log alerts (its own
                              trace of messages and bandwidth requests), for the
                              --peer-log seconds from --peer-log-at seconds after
                              the torrent is added
  {"ev": "complete", "t": T}  every wanted byte verified
  {"ev": "super_seeding", "t": T, "on": BOOL}
                              with --super-seed, whether the torrent's flags still
                              carry super_seeding once it has a peer
  {"ev": "left", "t": T}      with --leave: the torrent was removed on completion
                              (the client exits right after)
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


# One connection in a "p" snapshot (lt.peer_info, libtorrent 2.0.8
# include/libtorrent/peer_info.hpp): the remote's port, its flags (choked,
# interesting, …), payload rates, the requests it has queued at us and we at
# it, the per-connection quota (bandwidth_manager.cpp hands quota to
# connections, not to the session), bytes waiting to be sent, and the channel
# states (bw_limit: waiting for quota; bw_network: a socket operation pending).
PEER_FIELDS = [
    "port", "flags", "payload_up_speed", "payload_down_speed", "upload_queue_length",
    "download_queue_length", "send_quota", "receive_quota", "used_send_buffer",
    "write_state", "read_state", "num_pieces", "total_upload", "total_download",
]


# Session counters (libtorrent 2.0.8 src/session_stats.cpp): bytes sent and
# received, payload and estimated IP overhead (what rate_limit_ip_overhead
# charges to the limits), the rate limiter's queue, session ticks, unchokes.
SESSION_COUNTERS = [
    "net.sent_payload_bytes", "net.sent_bytes", "net.sent_ip_overhead_bytes",
    "net.recv_payload_bytes", "net.recv_bytes", "net.recv_ip_overhead_bytes",
    "net.limiter_up_queue", "net.limiter_up_bytes", "net.limiter_down_queue",
    "net.on_tick_counter", "ses.num_outgoing_unchoke", "ses.num_outgoing_choke",
    "peer.num_peers_up_unchoked", "peer.num_peers_up_interested", "peer.num_peers_up_requests",
]


def peer_row(p):
    return [
        p.ip[1], int(p.flags), p.payload_up_speed, p.payload_down_speed, p.upload_queue_length,
        p.download_queue_length, p.send_quota, p.receive_quota, p.used_send_buffer,
        int(p.write_state), int(p.read_state), p.num_pieces, p.total_upload, p.total_download,
    ]


def have_hex(pieces):
    """status().pieces (a list of bools in these bindings) as a hex bitfield."""
    bits = "".join("1" if p else "0" for p in pieces)
    bits += "0" * (-len(bits) % 4)
    return "".join("%x" % int(bits[i:i + 4], 2) for i in range(0, len(bits), 4))


def emit(obj):
    sys.stdout.write(json.dumps(obj, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def settings(port, up, down, peer_log):
    mask = lt.alert.category_t.tracker_notification | lt.alert.category_t.error_notification
    if peer_log:
        mask |= lt.alert.category_t.peer_log_notification
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
        "alert_mask": mask,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--torrent", required=True)
    ap.add_argument("--save", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--up", type=int, required=True, help="upload limit, bytes/s")
    ap.add_argument("--down", type=int, required=True, help="download limit, bytes/s (0: none)")
    ap.add_argument("--seed", action="store_true", help="holds the whole file (seed_mode: no hash check)")
    ap.add_argument("--super-seed", action="store_true", help="the seed super-seeds (BEP 16; libtorrent's rule)")
    ap.add_argument("--leave", action="store_true", help="remove the torrent and exit the instant it completes")
    ap.add_argument("--poll", type=float, default=0.05)
    ap.add_argument("--peer-poll", type=float, default=0.0, help="seconds between connection snapshots (0: none)")
    ap.add_argument("--peer-log", type=float, default=0.0, help="record peer_log alerts for this long (0: none)")
    ap.add_argument("--peer-log-at", type=float, default=0.0, help="seconds after arrival the peer_log window opens")
    ap.add_argument("--deadline", type=float, required=True, help="seconds before giving up")
    args = ap.parse_args()

    stop = {"now": False}

    def on_signal(_sig, _frame):
        stop["now"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    parent = os.getppid()
    end = time.monotonic() + args.deadline

    ses = lt.session(settings(args.port, args.up, args.down, args.peer_log > 0))
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
    if args.super_seed:
        # libtorrent 2.0.8 torrent_flags::super_seeding (torrent_flags.hpp): the
        # torrent's peers get an empty bitfield and HAVEs for the pieces
        # torrent::get_piece_to_super_seed picks; strict_super_seeding stays at its
        # default false (a piece is replaced once the peer announces it, not once
        # it has spread).
        params.flags |= lt.torrent_flags.super_seeding
    h = ses.add_torrent(params)
    ready = time.monotonic()
    emit({"ev": "ready", "t": ready})
    log_from = ready + args.peer_log_at
    log_until = log_from + args.peer_log
    next_peer_poll = ready

    announced = False
    complete = False
    super_seeding_told = not args.super_seed
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
            elif isinstance(a, lt.session_stats_alert):
                v = a.values  # a dict, counter name → value, in these bindings
                emit({"ev": "c", "t": now, "v": [v[name] for name in SESSION_COUNTERS]})
            elif isinstance(a, lt.peer_log_alert):
                if log_from <= now <= log_until:
                    emit({"ev": "log", "t": now, "peer": a.endpoint[1], "msg": a.message()})
                elif args.peer_log > 0:
                    args.peer_log = 0
                    ses.apply_settings({"alert_mask": settings(args.port, 0, 0, False)["alert_mask"]})
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
            "have": have_hex(st.pieces),
        })
        if not super_seeding_told and st.num_peers > 0:
            # torrent.cpp set_super_seeding refuses the flag for a torrent that
            # is not a seed: record what the run really had.
            super_seeding_told = True
            emit({"ev": "super_seeding", "t": now, "on": bool(h.flags() & lt.torrent_flags.super_seeding)})
        if args.peer_poll > 0 and now >= next_peer_poll:
            next_peer_poll += args.peer_poll
            emit({"ev": "p", "t": now, "peers": [peer_row(p) for p in h.get_peer_info()]})
            ses.post_session_stats()
        if not complete and st.total_wanted > 0 and st.total_wanted_done >= st.total_wanted:
            complete = True
            emit({"ev": "complete", "t": now})
            if args.leave:
                # Selfish departure: gone the moment it has the file, taking its
                # pieces with it (remove_torrent closes every connection).
                ses.remove_torrent(h)
                emit({"ev": "left", "t": time.monotonic()})
                return
        # While peer_log alerts are recorded, pop them often: their time is when they are popped.
        poll = min(args.poll, 0.005) if log_from <= now <= log_until else args.poll
        time.sleep(max(0.0, poll - (time.monotonic() - now)))
    ses.pause()


if __name__ == "__main__":
    main()
