/*
 * hvm.h - the piece of the hardware-assisted model that other VT-x based
 * models reuse.
 */
#ifndef VIRTSIM_HVM_H
#define VIRTSIM_HVM_H

#include "models/demand.h"
#include "models/params.h"
#include "base/op.h"

/* Interrupts injected by the hypervisor: an exit to deliver, one to EOI. */
void hvm_irq_injected(const struct param_set *p, const struct op *op,
                      struct demand_list *out);

#endif
