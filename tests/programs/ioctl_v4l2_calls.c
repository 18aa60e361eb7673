/* Video4Linux2 ioctl requests (include/uapi/linux/videodev2.h), with no video device: on /dev/null, which answers ENOTTY
 * after strace has printed what the caller gave (the outputs then print as addresses), and on descriptor 100, which a
 * seccomp filter installed before the test's marker answers 0 without running, so that the outputs show what the
 * program left in them as a driver would have filled them in. Every union member of struct v4l2_format, each memory of
 * a buffer, controls by name, by class and offset and unknown, the fields strace's -v, -X raw and -X verbose change,
 * NULL and unmapped arguments, and requests strace names but does not decode. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/videodev2.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "answered.h"

#define ANSWERED 100

static void *const unmapped = (void *)0xbadc0de;
static int null;

/* The request on /dev/null, then answered. */
static void both(unsigned long request, void *arg)
{
    syscall(SYS_ioctl, null, request, arg);
    syscall(SYS_ioctl, ANSWERED, request, arg);
}

static void capability_calls(void)
{
    struct v4l2_capability cap = {.driver = "uvcvideo", .card = "Integrated Camera", .bus_info = "usb-0000:00:14.0-8",
        .version = (6 << 16) | (1 << 8) | 12, .capabilities = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING | V4L2_CAP_DEVICE_CAPS | 0x40000000,
        .device_caps = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING};
    both(VIDIOC_QUERYCAP, &cap);
    cap.capabilities = 0;
    cap.device_caps = 0;
    syscall(SYS_ioctl, ANSWERED, VIDIOC_QUERYCAP, &cap);
    memset(&cap, 'x', sizeof cap); /* strings with no NUL */
    syscall(SYS_ioctl, ANSWERED, VIDIOC_QUERYCAP, &cap);
    syscall(SYS_ioctl, ANSWERED, VIDIOC_QUERYCAP, NULL);
    syscall(SYS_ioctl, ANSWERED, VIDIOC_QUERYCAP, unmapped);
}

static void format_calls(void)
{
    struct v4l2_fmtdesc desc = {.index = 1, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .flags = V4L2_FMT_FLAG_COMPRESSED,
        .description = "Motion-JPEG", .pixelformat = V4L2_PIX_FMT_MJPEG};
    both(VIDIOC_ENUM_FMT, &desc);
    desc.type = 77;
    desc.flags = 0x10000;
    desc.pixelformat = v4l2_fourcc('Y', '\'', '\\', 0x7f);
    syscall(SYS_ioctl, ANSWERED, VIDIOC_ENUM_FMT, &desc);
    desc.pixelformat = v4l2_fourcc('\n', 0, '"', 0xff);
    syscall(SYS_ioctl, ANSWERED, VIDIOC_ENUM_FMT, &desc);

    struct v4l2_format fmt = {.type = V4L2_BUF_TYPE_VIDEO_CAPTURE};
    fmt.fmt.pix = (struct v4l2_pix_format){.width = 640, .height = 480, .pixelformat = V4L2_PIX_FMT_YUYV, .field = V4L2_FIELD_NONE,
        .bytesperline = 1280, .sizeimage = 614400, .colorspace = V4L2_COLORSPACE_SRGB, .priv = 1};
    both(VIDIOC_G_FMT, &fmt);
    both(VIDIOC_S_FMT, &fmt);
    both(VIDIOC_TRY_FMT, &fmt);

    memset(&fmt, 0, sizeof fmt);
    fmt.type = V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE;
    fmt.fmt.pix_mp.width = 1920;
    fmt.fmt.pix_mp.height = 1080;
    fmt.fmt.pix_mp.pixelformat = V4L2_PIX_FMT_NV12M;
    fmt.fmt.pix_mp.field = 12;
    fmt.fmt.pix_mp.colorspace = V4L2_COLORSPACE_REC709;
    fmt.fmt.pix_mp.num_planes = 2;
    fmt.fmt.pix_mp.plane_fmt[0] = (struct v4l2_plane_pix_format){.sizeimage = 2073600, .bytesperline = 1920};
    fmt.fmt.pix_mp.plane_fmt[1] = (struct v4l2_plane_pix_format){.sizeimage = 1036800, .bytesperline = 1920};
    both(VIDIOC_S_FMT, &fmt);
    fmt.fmt.pix_mp.num_planes = 9;
    syscall(SYS_ioctl, null, VIDIOC_TRY_FMT, &fmt);

    struct v4l2_clip clips[40] = {{.c = {1, 2, 3, 4}, .next = (void *)0x10}, {.c = {-5, 6, 7, 8}}};
    memset(&fmt, 0, sizeof fmt);
    fmt.type = V4L2_BUF_TYPE_VIDEO_OVERLAY;
    fmt.fmt.win = (struct v4l2_window){.w = {-1, 2, 3, 4}, .field = V4L2_FIELD_TOP, .chromakey = 0x10, .clips = clips, .clipcount = 2,
        .bitmap = (void *)0x1234, .global_alpha = 7};
    both(VIDIOC_S_FMT, &fmt);
    fmt.type = V4L2_BUF_TYPE_VIDEO_OUTPUT_OVERLAY;
    fmt.fmt.win.clipcount = 40;
    fmt.fmt.win.global_alpha = 0;
    syscall(SYS_ioctl, null, VIDIOC_S_FMT, &fmt);
    fmt.fmt.win.clips = unmapped;
    syscall(SYS_ioctl, null, VIDIOC_S_FMT, &fmt);
    fmt.fmt.win.clipcount = 0;
    syscall(SYS_ioctl, null, VIDIOC_S_FMT, &fmt);
    fmt.fmt.win.clips = NULL;
    syscall(SYS_ioctl, null, VIDIOC_S_FMT, &fmt);

    memset(&fmt, 0, sizeof fmt);
    fmt.type = V4L2_BUF_TYPE_VBI_CAPTURE;
    fmt.fmt.vbi = (struct v4l2_vbi_format){.sampling_rate = 27000000, .offset = 244, .samples_per_line = 1440,
        .sample_format = V4L2_PIX_FMT_GREY, .start = {-10, 273}, .count = {16, 16}, .flags = V4L2_VBI_INTERLACED | 0x100};
    both(VIDIOC_S_FMT, &fmt);
    memset(&fmt, 0, sizeof fmt);
    fmt.type = V4L2_BUF_TYPE_SLICED_VBI_OUTPUT;
    fmt.fmt.sliced.service_set = V4L2_SLICED_VBI_625 | V4L2_SLICED_CAPTION_525 | 0x2;
    fmt.fmt.sliced.service_lines[0][1] = V4L2_SLICED_VPS;
    fmt.fmt.sliced.service_lines[1][23] = 3;
    fmt.fmt.sliced.io_size = 9;
    syscall(SYS_ioctl, null, VIDIOC_S_FMT, &fmt);
    memset(&fmt, 0, sizeof fmt);
    fmt.type = V4L2_BUF_TYPE_SDR_CAPTURE;
    fmt.fmt.sdr.pixelformat = V4L2_SDR_FMT_CU8;
    both(VIDIOC_S_FMT, &fmt);
    fmt.fmt.sdr.buffersize = 42;
    syscall(SYS_ioctl, null, VIDIOC_S_FMT, &fmt);
    memset(&fmt, 0, sizeof fmt);
    fmt.type = V4L2_BUF_TYPE_META_OUTPUT;
    fmt.fmt.meta.dataformat = V4L2_META_FMT_UVC;
    fmt.fmt.meta.buffersize = 43;
    both(VIDIOC_S_FMT, &fmt);
    fmt.type = 0x55;
    syscall(SYS_ioctl, null, VIDIOC_S_FMT, &fmt);
    syscall(SYS_ioctl, ANSWERED, VIDIOC_G_FMT, &fmt);
    syscall(SYS_ioctl, null, VIDIOC_S_FMT, NULL);
    syscall(SYS_ioctl, null, VIDIOC_G_FMT, unmapped);
    syscall(SYS_ioctl, ANSWERED, VIDIOC_G_FMT, unmapped);
}

static void buffer_calls(void)
{
    struct v4l2_requestbuffers rb = {.count = 4, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP};
    both(VIDIOC_REQBUFS, &rb);
    rb.type = 0;
    rb.memory = 9;
    syscall(SYS_ioctl, ANSWERED, VIDIOC_REQBUFS, &rb);
    syscall(SYS_ioctl, ANSWERED, VIDIOC_REQBUFS, unmapped);

    struct v4l2_buffer b = {.index = 2, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .bytesused = 614400,
        .flags = V4L2_BUF_FLAG_MAPPED | V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC, .field = V4L2_FIELD_NONE, .timestamp = {12, 345},
        .sequence = 7, .memory = V4L2_MEMORY_MMAP, .m.offset = 0x1000, .length = 614400};
    both(VIDIOC_QUERYBUF, &b);
    both(VIDIOC_QBUF, &b);
    both(VIDIOC_DQBUF, &b);
    b.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
    b.memory = V4L2_MEMORY_USERPTR;
    b.m.userptr = 0xdead;
    b.flags = V4L2_BUF_FLAG_QUEUED | V4L2_BUF_FLAG_DONE | 0x80000000 | V4L2_BUF_FLAG_TIMESTAMP_COPY | V4L2_BUF_FLAG_TSTAMP_SRC_SOE;
    syscall(SYS_ioctl, ANSWERED, VIDIOC_QBUF, &b);
    b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE;
    b.memory = V4L2_MEMORY_DMABUF;
    b.m.fd = 5;
    b.flags = 0x6000 | 0x30000;
    syscall(SYS_ioctl, ANSWERED, VIDIOC_DQBUF, &b);
    b.type = 0;
    b.memory = 9;
    b.flags = 0;
    syscall(SYS_ioctl, ANSWERED, VIDIOC_QUERYBUF, &b);
    syscall(SYS_ioctl, ANSWERED, VIDIOC_QBUF, unmapped);

    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    both(VIDIOC_STREAMON, &type);
    both(VIDIOC_STREAMOFF, &type);
    type = 0x80;
    syscall(SYS_ioctl, null, VIDIOC_STREAMON, &type);
    type = 0;
    syscall(SYS_ioctl, null, VIDIOC_STREAMOFF, &type);
    syscall(SYS_ioctl, null, VIDIOC_STREAMON, NULL);

    struct v4l2_create_buffers cb = {.index = 3, .count = 2, .memory = V4L2_MEMORY_MMAP,
        .format = {.type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .fmt.pix = {.width = 320, .height = 240, .pixelformat = V4L2_PIX_FMT_RGB24}}};
    both(VIDIOC_CREATE_BUFS, &cb);
    cb.format.type = 0x77;
    syscall(SYS_ioctl, ANSWERED, VIDIOC_CREATE_BUFS, &cb);
    syscall(SYS_ioctl, ANSWERED, VIDIOC_CREATE_BUFS, unmapped);

    struct v4l2_framebuffer fb = {.capability = V4L2_FBUF_CAP_EXTERNOVERLAY, .flags = V4L2_FBUF_FLAG_PRIMARY, .base = (void *)0x1000};
    both(VIDIOC_G_FBUF, &fb);
    fb.base = NULL;
    both(VIDIOC_S_FBUF, &fb);
}

static void stream_calls(void)
{
    struct v4l2_streamparm parm = {.type = V4L2_BUF_TYPE_VIDEO_CAPTURE};
    parm.parm.capture = (struct v4l2_captureparm){.capability = V4L2_CAP_TIMEPERFRAME, .capturemode = V4L2_MODE_HIGHQUALITY,
        .timeperframe = {1, 30}, .extendedmode = 2, .readbuffers = 3};
    both(VIDIOC_G_PARM, &parm);
    both(VIDIOC_S_PARM, &parm);
    parm.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
    parm.parm.output = (struct v4l2_outputparm){.capability = 0xffffffff, .outputmode = 0, .timeperframe = {1001, 30000}, .writebuffers = 2};
    both(VIDIOC_S_PARM, &parm);
    parm.type = V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE;
    both(VIDIOC_S_PARM, &parm);

    v4l2_std_id std = V4L2_STD_PAL_B | V4L2_STD_NTSC_M;
    both(VIDIOC_G_STD, &std);
    both(VIDIOC_S_STD, &std);
    struct v4l2_standard standard = {.index = 1, .id = V4L2_STD_PAL, .name = "PAL", .frameperiod = {1, 25}, .framelines = 625};
    both(VIDIOC_ENUMSTD, &standard);

    struct v4l2_input input = {.index = 0, .name = "Camera 1", .type = V4L2_INPUT_TYPE_CAMERA, .std = V4L2_STD_PAL};
    both(VIDIOC_ENUMINPUT, &input);
    input.type = 9;
    syscall(SYS_ioctl, ANSWERED, VIDIOC_ENUMINPUT, &input);
    int index = 1;
    both(VIDIOC_G_INPUT, &index);
    both(VIDIOC_S_INPUT, &index);

    struct v4l2_tuner tuner = {.index = 0, .name = "Tuner", .type = V4L2_TUNER_RADIO, .capability = V4L2_TUNER_CAP_LOW | V4L2_TUNER_CAP_STEREO,
        .rangelow = 1400000, .rangehigh = 1728000, .rxsubchans = V4L2_TUNER_SUB_STEREO, .audmode = V4L2_TUNER_MODE_STEREO, .signal = 10, .afc = -3};
    both(VIDIOC_G_TUNER, &tuner);
    both(VIDIOC_S_TUNER, &tuner);
    tuner.type = 9;
    tuner.capability = 0x80000000;
    tuner.rxsubchans = 0x100;
    tuner.audmode = 0x77;
    syscall(SYS_ioctl, null, VIDIOC_S_TUNER, &tuner);

    struct v4l2_cropcap cropcap = {.type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .bounds = {0, 0, 640, 480}, .defrect = {1, 2, 320, 240}, .pixelaspect = {1, 1}};
    both(VIDIOC_CROPCAP, &cropcap);
    struct v4l2_crop crop = {.type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .c = {-1, 2, 320, 240}};
    both(VIDIOC_G_CROP, &crop);
    both(VIDIOC_S_CROP, &crop);

    struct v4l2_frmsizeenum size = {.index = 0, .pixel_format = V4L2_PIX_FMT_YUYV, .type = V4L2_FRMSIZE_TYPE_DISCRETE, .discrete = {640, 480}};
    both(VIDIOC_ENUM_FRAMESIZES, &size);
    size.type = V4L2_FRMSIZE_TYPE_STEPWISE;
    size.stepwise = (struct v4l2_frmsize_stepwise){16, 1920, 8, 16, 1080, 8};
    syscall(SYS_ioctl, ANSWERED, VIDIOC_ENUM_FRAMESIZES, &size);
    size.type = V4L2_FRMSIZE_TYPE_CONTINUOUS;
    syscall(SYS_ioctl, ANSWERED, VIDIOC_ENUM_FRAMESIZES, &size);
    size.type = 7;
    syscall(SYS_ioctl, ANSWERED, VIDIOC_ENUM_FRAMESIZES, &size);
    struct v4l2_frmivalenum interval = {.index = 0, .pixel_format = V4L2_PIX_FMT_YUYV, .width = 640, .height = 480,
        .type = V4L2_FRMIVAL_TYPE_DISCRETE, .discrete = {1, 30}};
    both(VIDIOC_ENUM_FRAMEINTERVALS, &interval);
    interval.type = V4L2_FRMIVAL_TYPE_CONTINUOUS;
    interval.stepwise = (struct v4l2_frmival_stepwise){{1, 60}, {1, 1}, {1, 1000}};
    syscall(SYS_ioctl, ANSWERED, VIDIOC_ENUM_FRAMEINTERVALS, &interval);
    interval.type = 9;
    syscall(SYS_ioctl, ANSWERED, VIDIOC_ENUM_FRAMEINTERVALS, &interval);
}

static void control_calls(void)
{
    struct v4l2_control control = {.id = V4L2_CID_BRIGHTNESS, .value = -5};
    both(VIDIOC_G_CTRL, &control);
    both(VIDIOC_S_CTRL, &control);
    control.id = V4L2_CID_CAMERA_CLASS_BASE + 0x80; /* no name, a known class */
    syscall(SYS_ioctl, null, VIDIOC_S_CTRL, &control);
    control.id = 0x99;
    syscall(SYS_ioctl, null, VIDIOC_S_CTRL, &control);
    syscall(SYS_ioctl, null, VIDIOC_G_CTRL, NULL);

    struct v4l2_queryctrl query = {.id = V4L2_CID_CONTRAST, .type = V4L2_CTRL_TYPE_INTEGER, .name = "Contrast", .minimum = -1,
        .maximum = 255, .step = 1, .default_value = 128, .flags = V4L2_CTRL_FLAG_SLIDER | 0x20000};
    both(VIDIOC_QUERYCTRL, &query);
    query.id = V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CID_EXPOSURE_AUTO;
    query.type = 0x99;
    both(VIDIOC_QUERYCTRL, &query);
    query.id = V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND;
    syscall(SYS_ioctl, null, VIDIOC_QUERYCTRL, &query);
    query.id = V4L2_CTRL_FLAG_NEXT_COMPOUND | (V4L2_CID_CAMERA_CLASS_BASE + 0x80);
    syscall(SYS_ioctl, null, VIDIOC_QUERYCTRL, &query);
    query.id = 0x20980900;
    syscall(SYS_ioctl, null, VIDIOC_QUERYCTRL, &query);
    struct v4l2_query_ext_ctrl ext_query = {.id = V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CID_CONTRAST, .type = V4L2_CTRL_TYPE_INTEGER64,
        .name = "Contrast", .minimum = -1, .maximum = 1LL << 40, .step = ~0ULL, .default_value = 128, .flags = V4L2_CTRL_FLAG_SLIDER,
        .elem_size = 8, .elems = 1, .nr_of_dims = 2, .dims = {1, 2, 3, 4}};
    both(VIDIOC_QUERY_EXT_CTRL, &ext_query);
    ext_query.nr_of_dims = 7;
    syscall(SYS_ioctl, ANSWERED, VIDIOC_QUERY_EXT_CTRL, &ext_query);
    ext_query.nr_of_dims = 0;
    syscall(SYS_ioctl, ANSWERED, VIDIOC_QUERY_EXT_CTRL, &ext_query);

    static char text[64] = "0123456789012345678901234567890123456789";
    text[50] = 'x';
    struct v4l2_ext_control controls[40] = {{.id = V4L2_CID_BRIGHTNESS, .value = 7}, {.id = V4L2_CID_CONTRAST, .value64 = 1LL << 40},
        {.id = V4L2_CID_SATURATION, .size = 4, .string = text}, {.id = V4L2_CID_HUE, .size = 40, .string = text},
        {.id = V4L2_CID_GAMMA, .size = 20, .string = text + 45}, {.id = 5, .size = 2, .string = unmapped}};
    struct v4l2_ext_controls ext = {.ctrl_class = V4L2_CTRL_CLASS_USER, .count = 6, .error_idx = 1, .controls = controls};
    both(VIDIOC_G_EXT_CTRLS, &ext);
    both(VIDIOC_S_EXT_CTRLS, &ext);
    both(VIDIOC_TRY_EXT_CTRLS, &ext);
    ext.count = 40;
    ext.ctrl_class = V4L2_CTRL_WHICH_CUR_VAL;
    syscall(SYS_ioctl, null, VIDIOC_S_EXT_CTRLS, &ext);
    ext.count = 0;
    both(VIDIOC_G_EXT_CTRLS, &ext);
    both(VIDIOC_S_EXT_CTRLS, &ext);
    ext.count = 1;
    ext.ctrl_class = 0x12340000;
    ext.controls = unmapped;
    both(VIDIOC_G_EXT_CTRLS, &ext);
    both(VIDIOC_S_EXT_CTRLS, &ext);
    ext.controls = NULL;
    syscall(SYS_ioctl, null, VIDIOC_TRY_EXT_CTRLS, &ext);

    /* Controls and clips whose array ends where the memory does, at a fixed address for both runs to print alike. */
    char *page = mmap((void *)0x10000000, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (page == MAP_FAILED)
        return;
    munmap(page + 4096, 4096);
    struct v4l2_ext_control *last = (void *)(page + 4096 - 2 * sizeof *last);
    last[0] = (struct v4l2_ext_control){.id = V4L2_CID_BRIGHTNESS, .value = 1};
    last[1] = (struct v4l2_ext_control){.id = V4L2_CID_CONTRAST, .value = 2};
    ext = (struct v4l2_ext_controls){.ctrl_class = V4L2_CTRL_CLASS_USER, .count = 3, .error_idx = 2, .controls = last};
    both(VIDIOC_S_EXT_CTRLS, &ext);
    both(VIDIOC_G_EXT_CTRLS, &ext);
    struct v4l2_clip *clip = (void *)(page + 4096 - sizeof *clip);
    *clip = (struct v4l2_clip){.c = {1, 2, 3, 4}};
    struct v4l2_format fmt = {.type = V4L2_BUF_TYPE_VIDEO_OVERLAY, .fmt.win = {.clips = clip, .clipcount = 2}};
    syscall(SYS_ioctl, null, VIDIOC_S_FMT, &fmt);
}

/* Requests strace names without decoding their argument, and VT_GETSTATE's value, which has two names. */
static void named_calls(void)
{
    struct v4l2_dv_timings timings = {.type = V4L2_DV_BT_656_1120};
    both(VIDIOC_S_DV_TIMINGS, &timings);
    syscall(SYS_ioctl, null, VIDIOC_LOG_STATUS, 0);
    int output = 1;
    both(VIDIOC_G_OUTPUT, &output);
    both(VIDIOC_S_OUTPUT, &output);
    v4l2_std_id std = 0;
    both(VIDIOC_QUERYSTD, &std);
    syscall(SYS_ioctl, null, VIDIOC_G_PRIORITY, NULL);
    syscall(SYS_ioctl, null, VIDIOC_G_EDID, 0);
    syscall(SYS_ioctl, null, 0x5603, 0);
    syscall(SYS_ioctl, null, _IOWR('V', 0xfe, int), 0);
}

int main(void)
{
    null = open("/dev/null", O_RDWR);
    if (null < 0 || !answer_ioctl_without_running(ANSWERED))
        return 1;
    write(-1, "ioctl_v4l2", 10); /* where the test starts comparing */
    capability_calls();
    format_calls();
    buffer_calls();
    stream_calls();
    control_calls();
    named_calls();
    return 0;
}
