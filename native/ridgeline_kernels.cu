// The one translation unit that nvcc turns into ridgeline.fatbin (a fatbin holds one module).
// Each included file is one concern; kernel names match dev.ridgeline.engine.cuda.KernelNames.
#include "fused_pass.cu"
#include "loss_pass.cu"
#include "reduce_update.cu"
#include "wide_pass.cu"
#include "predict.cu"
#include "clipped_sum.cu"
