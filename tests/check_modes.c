/*
 * check_modes.c - what the modes added after the first five imply, as
 * closed forms of their parameters: binary translation runs user code at
 * native cost and pays in the kernel; VT-x without EPT pays a world switch
 * plus the shadow handler on every fault, page-table write and CR3 load,
 * where EPT pays none of them; devices emulated under VT-x exit to user
 * space per register access; Firecracker's VMM thread does the per-byte
 * work that vhost does under KVM.
 */
#include <check.h>

#include "models/cost_model.h"
#include "models/generation.h"
#include "models/params.h"
#include "tests/suites.h"

static struct param_set P;

static void setup(void)
{
    param_set_defaults(&P);
}

/* Sum of a plan's demands on res in category cat (cat < 0: any). */
static double sum(const struct cost_model_ops *m, const struct op *op,
                  enum resource res, int cat)
{
    struct demand_list l;
    double c = 0;
    size_t i;

    demand_list_init(&l);
    cost_model_plan(m, &P, op, &l);
    for (i = 0; i < l.len; i++)
        if (l.d[i].res == res && (cat < 0 || (int)l.d[i].cat == cat))
            c += l.d[i].amount;
    demand_list_release(&l);
    return c;
}

static double vcpu(const struct cost_model_ops *m, const struct op *op)
{
    return sum(m, op, RES_VCPU, -1);
}

static double pv_(enum param_id id)
{
    return param(&P, id);
}

START_TEST(test_bt_user_code_native)
{
    const struct op op = {.kind = OP_COMPUTE, .cycles = 1e6};

    ck_assert_double_eq(vcpu(&bt_model, &op), vcpu(&native_model, &op));
    ck_assert_double_eq_tol(vcpu(&emulation_model, &op),
                            1e6 * pv_(P_EMU_USER_SLOWDOWN), 1e-6);
}
END_TEST

START_TEST(test_bt_kernel_translated)
{
    const struct op op = {.kind = OP_COMPUTE, .syscalls = 10};
    double native = 10 * pv_(P_NATIVE_SYSCALL_CYCLES);

    ck_assert_double_eq_tol(vcpu(&bt_model, &op),
                            native * pv_(P_EMU_KERNEL_SLOWDOWN), 1e-6);
    ck_assert_double_eq_tol(vcpu(&bt_model, &op), vcpu(&emulation_model, &op),
                            1e-6);
}
END_TEST

/* One fault, one page-table write, one CR3 load: closed forms per mode. */
START_TEST(test_shadow_paging_exits)
{
    const struct op f = {.kind = OP_COMPUTE, .page_faults = 1};
    const struct op w = {.kind = OP_COMPUTE, .pt_updates = 1};
    const struct op c = {.kind = OP_COMPUTE, .ctx_switches = 1};
    double exitc = pv_(P_HVM_VMEXIT_CYCLES);

    ck_assert_double_eq_tol(vcpu(&vtx_shadow_model, &f),
                            pv_(P_NATIVE_PAGE_FAULT_CYCLES) + exitc +
                                pv_(P_EMU_SHADOW_FAULT_CYCLES), 1e-6);
    ck_assert_double_eq_tol(vcpu(&vtx_shadow_model, &w),
                            pv_(P_NATIVE_PT_UPDATE_CYCLES) + exitc +
                                pv_(P_EMU_SHADOW_PT_UPDATE_CYCLES), 1e-6);
    ck_assert_double_eq_tol(vcpu(&vtx_shadow_model, &c),
                            pv_(P_NATIVE_CTX_SWITCH_CYCLES) + exitc +
                                pv_(P_EMU_SHADOW_CR3_CYCLES), 1e-6);
    /* With EPT: a CR3 load and a page-table write cost what they do natively. */
    ck_assert_double_eq(vcpu(&hvm_model, &c), vcpu(&native_model, &c));
    ck_assert_double_eq(vcpu(&hvm_model, &w), vcpu(&native_model, &w));
    ck_assert(vcpu(&hvm_model, &f) < vcpu(&vtx_shadow_model, &f));
    /* PV switches address spaces with one hypercall. */
    ck_assert_double_eq_tol(vcpu(&pv_model, &c),
                            pv_(P_NATIVE_CTX_SWITCH_CYCLES) +
                                pv_(P_PV_HYPERCALL_CYCLES), 1e-6);
}
END_TEST

/* Every world switch parameter now moves the exits it names. */
START_TEST(test_vmexit_cycles_live)
{
    const struct op c = {.kind = OP_COMPUTE, .ctx_switches = 3};
    double before = vcpu(&vtx_shadow_model, &c);

    P.v[P_HVM_VMEXIT_CYCLES] += 1000;
    ck_assert_double_eq_tol(vcpu(&vtx_shadow_model, &c) - before, 3000, 1e-6);
}
END_TEST

/* Emulated devices under VT-x: the same traps, each an exit to user space. */
START_TEST(test_hvm_emulated_traps)
{
    const struct op d = {.kind = OP_DISK_READ, .bytes = 4096};
    double traps = pv_(P_EMU_DISK_TRAPS_PER_IO);

    ck_assert_double_eq_tol(sum(&hvm_emulated_model, &d, RES_VCPU, CAT_VMEXIT),
                            traps * pv_(P_HVM_USER_EXIT_CYCLES), 1e-6);
    /* Native guest kernel: the block layer costs what it does natively. */
    ck_assert_double_eq_tol(sum(&hvm_emulated_model, &d, RES_VCPU,
                                CAT_GUEST_KERNEL),
                            sum(&native_model, &d, RES_VCPU, CAT_GUEST_KERNEL) -
                                pv_(P_DISK_NVME_DRIVER_CYCLES), 1e-6);
    ck_assert_double_eq_tol(sum(&hvm_emulated_model, &d, RES_EMULATOR, -1),
                            sum(&emulation_model, &d, RES_EMULATOR, -1), 1e-6);
}
END_TEST

/* Firecracker: per-byte VMM work on the device-model thread, none on a
 * shared backend; KVM's vhost does per-frame work on the backend. */
START_TEST(test_firecracker_vmm_thread)
{
    const struct op tx = {.kind = OP_NET_TX, .bytes = 14600};
    double kicks = 10 / pv_(P_HVM_PACKETS_PER_KICK);

    ck_assert_double_eq_tol(sum(&fc_virtio_model, &tx, RES_EMULATOR, -1),
                            14600 * pv_(P_FC_NET_CYCLES_PER_BYTE) +
                                kicks * pv_(P_HVM_NOTIFY_CYCLES), 1e-6);
    ck_assert_double_eq(sum(&fc_virtio_model, &tx, RES_BACKEND, -1), 0);
    ck_assert_double_eq_tol(sum(&hvm_model, &tx, RES_BACKEND, -1),
                            10 * pv_(P_HVM_VHOST_CYCLES_PER_PACKET) +
                                kicks * pv_(P_HVM_NOTIFY_CYCLES), 1e-6);
    ck_assert_double_eq(sum(&hvm_model, &tx, RES_EMULATOR, -1), 0);
}
END_TEST

/* The generations name the new models on the paths they serve. */
START_TEST(test_new_generations)
{
    const struct generation *fc = generation_find("firecracker", NULL);
    const struct generation *kvm = generation_find("kvm", NULL);
    const struct generation *bt = generation_find("vmware-bt", NULL);
    const struct generation *sh = generation_find("vtx-shadow", NULL);

    ck_assert_ptr_nonnull(fc);
    ck_assert_ptr_nonnull(kvm);
    ck_assert_ptr_nonnull(bt);
    ck_assert_ptr_nonnull(sh);
    ck_assert_str_eq(fc->model[PATH_NET], "fc-virtio");
    ck_assert_str_eq(fc->model[PATH_CPU], "hvm");
    ck_assert_str_eq(kvm->model[PATH_NET], "hvm");
    ck_assert_str_eq(bt->model[PATH_CPU], "bt");
    ck_assert_str_eq(sh->model[PATH_CPU], "vtx-shadow");
}
END_TEST

Suite *modes_suite(void)
{
    Suite *s = suite_create("modes");
    TCase *tc = tcase_create("closed-forms");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_bt_user_code_native);
    tcase_add_test(tc, test_bt_kernel_translated);
    tcase_add_test(tc, test_shadow_paging_exits);
    tcase_add_test(tc, test_vmexit_cycles_live);
    tcase_add_test(tc, test_hvm_emulated_traps);
    tcase_add_test(tc, test_firecracker_vmm_thread);
    tcase_add_test(tc, test_new_generations);
    suite_add_tcase(s, tc);
    return s;
}
