#!/bin/bash
# reprint.sh - print the corpus pcaps again with another tcpdump release.
#
#   sudo test/captures/tools/reprint.sh TCPDUMP LABEL [OUTDIR] [NAME...]
#
# LABEL is the release (4.9.3, 4.99.6, master): test/tcpdump/release-captures.test.ts
# reads the directory's name as the release that printed its texts.  Reads every
# capture of test/captures/corpus/captures.tsv (or only the NAMEs given; an empty
# OUTDIR keeps the default) with "TCPDUMP -r NAME.pcap" and the capture's options, less the live-only
# ones (-i, -l, -y, the filter: the pcap holds only what the filter let through,
# and an -i any capture already carries its LINUX_SLL/SLL2 header), and writes the
# text as OUTDIR/NAME.txt (default OUTDIR: test/captures/releases/LABEL).  The
# pcap and its NAME.expect.json are shared with the 4.99.3 capture.
#
# Each print runs in private mount and network namespaces (unshare -m -n, hence
# root).  The names captures (no -n) resolve through the corpus' names.hosts and
# names.services only: those files and an nsswitch.conf reading files only are
# bind-mounted over the host's /etc files, as make-captures.sh did in its netns.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 TCPDUMP LABEL [OUTDIR] [NAME...]" >&2
    exit 2
fi
TD=$(realpath "$1")
LABEL=$2
HERE=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=$HERE/corpus
OUT=${3:-$HERE/releases/$LABEL}
shift $(( $# >= 3 ? 3 : 2 ))
mkdir -p "$OUT"
export TZ=UTC LC_ALL=C

ONLY=("$@")
wanted() {
    [ ${#ONLY[@]} -eq 0 ] && return 0
    local n
    for n in "${ONLY[@]}"; do [ "$n" = "$1" ] && return 0; done
    return 1
}

# tcpdump's options without the live-only ones (-i IF, -y TYPE, -l).
read_options() {
    local out=() skip=0 o
    for o in $1; do
        if [ $skip = 1 ]; then skip=0; continue; fi
        case $o in
            -i|-y) skip=1 ;;
            -l) ;;
            *) out+=("$o") ;;
        esac
    done
    printf "%s " "${out[@]}"
}

ETC=$(mktemp -d)
trap 'rm -rf "$ETC"' EXIT
printf 'hosts: files\nservices: files\nprotocols: files\n' > "$ETC/nsswitch.conf"

# An -i any capture as LINUX_SLL2 carries each packet's ifindex; tcpdump prints the
# name the reading host gives that index (if_indextoname), so the capture host's
# interfaces (those the ground truth names, from make-captures.sh's topology.json)
# are made again, as veths at those indexes, in a network namespace of the print's own.
sll2_links() {
    python3 - "$1" <<'PY'
import json, sys
links = {p["sll2"]["ifindex"]: p["sll2"]["interface"] for p in json.load(open(sys.argv[1]))["packets"] if "sll2" in p}
print(" ".join(f"{i}:{n}" for i, n in sorted(links.items()) if i > 1))
PY
}
# sh -c script: $1 the "index:name" links, $2 how many names files follow (0 or 3), then the command.
HOST='links=$1; nfiles=$2; shift 2
for l in $links; do
    ip link add "${l#*:}" index "${l%%:*}" type veth peer name "tdp${l%%:*}" index $((${l%%:*} + 1000)) || exit 1
done
if [ "$nfiles" = 3 ]; then
    mount --bind "$1" /etc/hosts && mount --bind "$2" /etc/services && mount --bind "$3" /etc/nsswitch.conf || exit 1
fi
shift "$nfiles"
exec "$@"'

count=0
# a tab is IFS white space (runs of it are one separator): empty fields need another one
while IFS=$'\x1f' read -r NAME SCENARIO _ns _if OPTIONS _filter _cmd _desc; do
    [ "$NAME" = name ] && continue
    wanted "$NAME" || continue
    opts=$(read_options "$OPTIONS")
    pcap=$CORPUS/$NAME.pcap
    names=()
    [ "$SCENARIO" = names ] && names=("$CORPUS/names.hosts" "$CORPUS/names.services" "$ETC/nsswitch.conf")
    # shellcheck disable=SC2086 # the options are words
    unshare -m -n sh -c "$HOST" sh "$(sll2_links "$CORPUS/$NAME.expect.json")" "${#names[@]}" \
        "${names[@]}" "$TD" -r "$pcap" $opts > "$OUT/$NAME.txt" 2> "$ETC/stderr" || {
        # a link type this release cannot print (4.9.x has no LINUX_SLL2 printer): no text
        echo "$LABEL: $NAME: $(grep -v '^reading from file' "$ETC/stderr" | head -1)" >&2
        rm -f "$OUT/$NAME.txt"
        continue
    }
    count=$((count + 1))
done < <(tr '\t' '\037' < "$CORPUS/captures.tsv")
echo "$LABEL: $count captures printed into $OUT"
