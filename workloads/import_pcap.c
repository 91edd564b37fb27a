/*
 * import_pcap.c - packet captures as network traces: classic pcap (either
 * byte order, microsecond or nanosecond stamps) and pcapng (section
 * header, interface description with its time resolution, enhanced
 * packet blocks), read record by record with no library. Link types:
 * Ethernet (with 802.1Q tags), raw IP and Linux cooked capture. Each IPv4
 * or IPv6 packet to the guest's address is a net_rx, from it a net_tx, of
 * its TCP or UDP payload (the IP payload for other protocols); the
 * model adds the headers per frame. Packets neither to nor from it, and
 * non-IP frames, are skipped. Flows are the distinct (protocol, address,
 * port) 5-tuples, either direction.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "workloads/import.h"

#define PCAP_MAGIC_US    0xa1b2c3d4u
#define PCAP_MAGIC_NS    0xa1b23c4du
#define PCAPNG_SHB       0x0a0d0d0au
#define PCAPNG_BOM       0x1a2b3c4du
#define PCAPNG_IDB       1u
#define PCAPNG_SPB       3u
#define PCAPNG_EPB       6u
#define MAX_RECORD       (64u << 20)    /* a record past 64 MiB is bad */
#define MAX_IFACES       64

#define LINK_ETHERNET    1
#define LINK_RAW         101
#define LINK_SLL         113

struct flow_key {
    unsigned char proto;
    unsigned char a[16], b[16];         /* the two addresses, lower first */
    uint16_t pa, pb;
};

struct pcap_state {
    FILE *fp;
    bool ng;                    /* pcapng, else classic */
    bool swap;                  /* the file's byte order is not ours */
    bool pending_shb;           /* pcapng: the first block's type is read */
    uint64_t unit_ns_num;       /* classic: ns per stamp unit (1 or 1000) */
    int linktype;               /* classic */
    size_t nifaces;             /* pcapng */
    int if_link[MAX_IFACES];
    uint64_t if_tick_ps[MAX_IFACES];    /* picoseconds per tick */
    uint64_t packet;            /* records read, from 1 */
    uint64_t offset;            /* byte offset of the record at hand */
    uint64_t pos;               /* bytes read so far */
    unsigned char *buf;
    size_t cap;
    bool have_local;
    int local_len;              /* 4 or 16 */
    unsigned char local[16];
    struct flow_key *flows;     /* open addressing */
    uint64_t *flow_ids;
    size_t nflows, flow_cap;
};

static uint32_t get32(const struct pcap_state *s, const unsigned char *p)
{
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
                 (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;

    return s->swap ? (v >> 24) | ((v >> 8) & 0xff00u) |
                     ((v << 8) & 0xff0000u) | (v << 24) : v;
}

static uint16_t get16(const struct pcap_state *s, const unsigned char *p)
{
    uint16_t v = (uint16_t)(p[0] | p[1] << 8);

    return s->swap ? (uint16_t)(v >> 8 | v << 8) : v;
}

static uint16_t be16(const unsigned char *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* Reads n bytes into s->buf (grown). Returns n read, short at the end. */
static size_t take(struct pcap_state *s, size_t n)
{
    size_t got;

    if (n > s->cap) {
        s->cap = n;
        s->buf = xrealloc(s->buf, n);
    }
    got = fread(s->buf, 1, n, s->fp);
    s->pos += got;
    return got;
}

static int bad(struct pcap_state *s, struct diag *dg, const char *what)
{
    return diag_set(dg, 0, 0, "record %llu (byte offset %llu): %s",
                    (unsigned long long)s->packet,
                    (unsigned long long)s->offset, what);
}

static int pcap_open(void *vs, FILE *fp, const struct import_opts *o,
                     struct diag *dg)
{
    struct pcap_state *s = vs;
    uint32_t magic;

    s->fp = fp;
    if (o->local) {
        if (inet_pton(AF_INET, o->local, s->local) == 1)
            s->local_len = 4;
        else if (inet_pton(AF_INET6, o->local, s->local) == 1)
            s->local_len = 16;
        else
            return diag_set(dg, 0, 0, "--local: expected an IPv4 or IPv6 "
                            "address, got '%s'", o->local);
        s->have_local = true;
    }
    if (take(s, 4) < 4)
        return diag_set(dg, 0, 0, "not a capture: shorter than a header");
    s->swap = false;
    magic = get32(s, s->buf);
    if (magic == PCAPNG_SHB) {
        s->ng = true;
        s->pending_shb = true;
        return 0;               /* the section header is read as a block */
    }
    if (magic != PCAP_MAGIC_US && magic != PCAP_MAGIC_NS) {
        s->swap = true;
        magic = get32(s, s->buf);
    }
    if (magic != PCAP_MAGIC_US && magic != PCAP_MAGIC_NS)
        return diag_set(dg, 0, 0, "not a pcap or pcapng capture (magic "
                        "0x%02x%02x%02x%02x)", s->buf[0], s->buf[1],
                        s->buf[2], s->buf[3]);
    s->unit_ns_num = magic == PCAP_MAGIC_US ? 1000 : 1;
    if (take(s, 20) < 20)
        return diag_set(dg, 0, 0, "truncated pcap file header");
    if (get16(s, s->buf) != 2)
        return diag_set(dg, 0, 0, "pcap version %u.%u; expected 2.x",
                        get16(s, s->buf), get16(s, s->buf + 2));
    s->linktype = (int)(get32(s, s->buf + 16) & 0xffff);
    return 0;
}

static size_t flow_hash(const struct flow_key *k)
{
    const unsigned char *p = (const unsigned char *)k;
    size_t i, h = 1469598103u;

    for (i = 0; i < sizeof(*k); i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* The id of key k, adding it when new. */
static uint64_t flow_id(struct pcap_state *s, const struct flow_key *k)
{
    size_t i, mask;

    if (2 * (s->nflows + 1) > s->flow_cap) {
        struct flow_key *old = s->flows;
        uint64_t *old_ids = s->flow_ids;
        size_t old_cap = s->flow_cap, j;

        s->flow_cap = old_cap ? 2 * old_cap : 256;
        s->flows = xcalloc(s->flow_cap, sizeof(*s->flows));
        s->flow_ids = xcalloc(s->flow_cap, sizeof(*s->flow_ids));
        for (j = 0; j < old_cap; j++) {
            if (!old_ids[j])
                continue;
            for (i = flow_hash(&old[j]) & (s->flow_cap - 1); s->flow_ids[i];
                 i = (i + 1) & (s->flow_cap - 1))
                ;
            s->flows[i] = old[j];
            s->flow_ids[i] = old_ids[j];
        }
        free(old);
        free(old_ids);
    }
    mask = s->flow_cap - 1;
    for (i = flow_hash(k) & mask; s->flow_ids[i]; i = (i + 1) & mask)
        if (!memcmp(&s->flows[i], k, sizeof(*k)))
            return s->flow_ids[i] - 1;
    s->flows[i] = *k;
    s->flow_ids[i] = ++s->nflows;       /* stored + 1: 0 marks empty */
    return s->nflows - 1;
}

/*
 * Classifies the frame p[0..len) of link type link: 1 with *rec's op,
 * bytes and flow set, 0 to skip it.
 */
static int classify(struct pcap_state *s, int link, const unsigned char *p,
                    size_t len, struct import_record *rec)
{
    struct flow_key k;
    const unsigned char *src, *dst, *l4;
    size_t alen, hdr, l4len;
    uint16_t ethertype;
    unsigned proto;
    bool to;

    if (link == LINK_ETHERNET) {
        if (len < 14)
            return 0;
        ethertype = be16(p + 12);
        p += 14;
        len -= 14;
        while ((ethertype == 0x8100 || ethertype == 0x88a8) && len >= 4) {
            ethertype = be16(p + 2);
            p += 4;
            len -= 4;
        }
    } else if (link == LINK_SLL) {
        if (len < 16)
            return 0;
        ethertype = be16(p + 14);
        p += 16;
        len -= 16;
    } else if (link == LINK_RAW) {
        ethertype = len && (p[0] >> 4) == 6 ? 0x86dd : 0x0800;
    } else {
        return 0;
    }
    if (ethertype == 0x0800 && len >= 20 && (p[0] >> 4) == 4) {
        hdr = (size_t)(p[0] & 15) * 4;
        if (hdr < 20 || be16(p + 2) < hdr)
            return 0;
        l4len = be16(p + 2) - hdr;
        proto = p[9];
        src = p + 12;
        dst = p + 16;
        alen = 4;
    } else if (ethertype == 0x86dd && len >= 40 && (p[0] >> 4) == 6) {
        hdr = 40;
        l4len = be16(p + 4);
        proto = p[6];
        src = p + 8;
        dst = p + 24;
        alen = 16;
    } else {
        return 0;
    }
    if (!s->have_local) {       /* the first packet's destination */
        memcpy(s->local, dst, alen);
        s->local_len = (int)alen;
        s->have_local = true;
    }
    if ((int)alen != s->local_len)
        return 0;
    to = !memcmp(dst, s->local, alen);
    if (!to && memcmp(src, s->local, alen) != 0)
        return 0;
    memset(&k, 0, sizeof(k));
    k.proto = (unsigned char)proto;
    l4 = len >= hdr ? p + hdr : NULL;
    rec->bytes = l4len;
    if ((proto == 6 || proto == 17) && l4 && len >= hdr + 4) {
        k.pa = be16(l4);
        k.pb = be16(l4 + 2);
        if (proto == 6 && len >= hdr + 13) {
            size_t off = (size_t)(l4[12] >> 4) * 4;

            rec->bytes = l4len > off ? l4len - off : 0;
        } else if (proto == 17) {
            rec->bytes = l4len > 8 ? l4len - 8 : 0;
        }
    }
    /* The key is the same whichever way the packet went. */
    if (memcmp(src, dst, alen) < 0 ||
        (!memcmp(src, dst, alen) && k.pa <= k.pb)) {
        memcpy(k.a, src, alen);
        memcpy(k.b, dst, alen);
    } else {
        uint16_t t = k.pa;

        memcpy(k.a, dst, alen);
        memcpy(k.b, src, alen);
        k.pa = k.pb;
        k.pb = t;
    }
    rec->op = to ? OP_NET_RX : OP_NET_TX;
    rec->flow = flow_id(s, &k);
    rec->line = 0;
    return 1;
}

/* Classic pcap: the next record. */
static int classic_next(struct pcap_state *s, struct import_record *rec,
                        uint64_t *skipped, struct diag *dg)
{
    for (;;) {
        uint32_t sec, frac, incl;
        size_t got;

        s->offset = s->pos;
        s->packet++;
        got = take(s, 16);
        if (got == 0)
            return 0;
        if (got < 16)
            return bad(s, dg, "truncated record header");
        sec = get32(s, s->buf);
        frac = get32(s, s->buf + 4);
        incl = get32(s, s->buf + 8);
        if (incl > MAX_RECORD)
            return bad(s, dg, "captured length past 64 MiB");
        if (frac >= 1000000000u / s->unit_ns_num)
            return bad(s, dg, "sub-second stamp out of range");
        rec->time_ns = (uint64_t)sec * 1000000000u +
                       (uint64_t)frac * s->unit_ns_num;
        if (take(s, incl) < incl)
            return bad(s, dg, "truncated packet data");
        if (classify(s, s->linktype, s->buf, incl, rec))
            return 1;
        (*skipped)++;
    }
}

/* The time resolution option of an IDB body: ps per tick. */
static uint64_t idb_tick_ps(struct pcap_state *s, const unsigned char *b,
                            size_t len)
{
    size_t i = 8;

    while (i + 4 <= len) {
        uint16_t code = get16(s, b + i), olen = get16(s, b + i + 2);

        if (code == 0)
            break;
        if (code == 9 && olen >= 1 && i + 4 < len) {
            unsigned r = b[i + 4];
            uint64_t ps = 1000000000000ull;
            unsigned k;

            if (r & 0x80)       /* a power of two: 2^-r seconds */
                return (r & 0x7f) <= 40 ? ps >> (r & 0x7f) : 1;
            for (k = 0; k < r && ps >= 10; k++)
                ps /= 10;
            return k == r ? ps : 1;
        }
        i += 4 + (size_t)((olen + 3u) & ~3u);
    }
    return 1000000;             /* the default: microseconds */
}

static int ng_next(struct pcap_state *s, struct import_record *rec,
                   uint64_t *skipped, struct diag *dg)
{
    for (;;) {
        uint32_t type, total, body;
        unsigned char head[8];
        size_t got;

        s->packet++;
        s->offset = s->pos - (s->pending_shb ? 4 : 0);
        if (s->pending_shb) {
            memcpy(head, s->buf, 4);    /* the type, read by open */
            got = 4 + fread(head + 4, 1, 4, s->fp);
            s->pos += got - 4;
            s->pending_shb = false;
        } else {
            got = fread(head, 1, 8, s->fp);
            s->pos += got;
        }
        if (got == 0)
            return 0;
        if (got < 8)
            return bad(s, dg, "truncated block header");
        type = get32(s, head);
        if (type == PCAPNG_SHB) {
            if (take(s, 4) < 4)
                return bad(s, dg, "truncated section header");
            s->swap = false;
            if (get32(s, s->buf) != PCAPNG_BOM) {
                s->swap = true;
                if (get32(s, s->buf) != PCAPNG_BOM)
                    return bad(s, dg, "bad byte-order magic in the section "
                               "header");
            }
            total = get32(s, head + 4);
            if (total < 28 || total % 4 || total > MAX_RECORD)
                return bad(s, dg, "bad section header length");
            if (take(s, total - 12) < total - 12)
                return bad(s, dg, "truncated section header");
            s->nifaces = 0;     /* interfaces are per section */
            continue;
        }
        total = get32(s, head + 4);
        if (total < 12 || total % 4 || total > MAX_RECORD)
            return bad(s, dg, "bad block length");
        body = total - 12;
        if (take(s, (size_t)body + 4) < (size_t)body + 4)
            return bad(s, dg, "truncated block");
        if (get32(s, s->buf + body) != total)
            return bad(s, dg, "the block's trailing length differs from its "
                       "leading one");
        if (type == PCAPNG_IDB) {
            if (body < 8)
                return bad(s, dg, "interface description too short");
            if (s->nifaces == MAX_IFACES)
                return bad(s, dg, "more than 64 interfaces");
            s->if_link[s->nifaces] = get16(s, s->buf);
            s->if_tick_ps[s->nifaces] = idb_tick_ps(s, s->buf, body);
            s->nifaces++;
            continue;
        }
        if (type == PCAPNG_EPB) {
            uint32_t ifc, caplen;
            uint64_t ticks;

            if (body < 20)
                return bad(s, dg, "enhanced packet block too short");
            ifc = get32(s, s->buf);
            if (ifc >= s->nifaces)
                return bad(s, dg, "packet of an undescribed interface");
            caplen = get32(s, s->buf + 12);
            if (caplen > body - 20)
                return bad(s, dg, "captured length past the block");
            ticks = (uint64_t)get32(s, s->buf + 4) << 32 |
                    get32(s, s->buf + 8);
            if (s->if_tick_ps[ifc] >= 1000) {
                uint64_t per = s->if_tick_ps[ifc] / 1000;

                if (ticks > UINT64_MAX / per)
                    return bad(s, dg, "timestamp out of range");
                rec->time_ns = ticks * per;
            } else {
                rec->time_ns = (uint64_t)((long double)ticks *
                                          (long double)s->if_tick_ps[ifc] /
                                          1000);
            }
            if (classify(s, s->if_link[ifc], s->buf + 20, caplen, rec))
                return 1;
        }
        (*skipped)++;           /* simple packets have no time; others */
    }
}

static int pcap_next(void *vs, struct import_record *rec, uint64_t *skipped,
                     struct diag *dg)
{
    struct pcap_state *s = vs;

    return s->ng ? ng_next(s, rec, skipped, dg)
                 : classic_next(s, rec, skipped, dg);
}

static uint64_t pcap_flows(const void *vs)
{
    const struct pcap_state *s = vs;

    return s->nflows;
}

static void pcap_release(void *vs)
{
    struct pcap_state *s = vs;

    free(s->buf);
    free(s->flows);
    free(s->flow_ids);
}

const struct importer_ops pcap_importer = {
    .name = "pcap",
    .summary = "pcap or pcapng capture: packets to and from the guest",
    .state_size = sizeof(struct pcap_state),
    .open = pcap_open,
    .next = pcap_next,
    .flows = pcap_flows,
    .release = pcap_release,
};
