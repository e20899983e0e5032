/*
 * mail_gmime_int.h: GMime for mail.c alone, loaded when the first email is
 * written (dlopen), so that a run that writes none (--version, a PDF)
 * does not map GMime, GPGME, libassuan and libgpg-error, or relocate
 * their symbols, at start-up. mail.c calls GMime by its usual names; they
 * are pointers filled by fd_gmime_load.
 */
#ifndef FD_MAIL_GMIME_INT_H
#define FD_MAIL_GMIME_INT_H

/* GMIME_PART() and the like become plain casts, not calls into GMime for
 * its type ids. */
#define G_DISABLE_CAST_CHECKS
#include <gmime/gmime.h>

/* Every GMime function mail.c calls. */
#define FD_GMIME_FUNCS(X)                                                     \
	X(g_mime_init)                                                        \
	X(g_mime_data_wrapper_new_with_stream)                                \
	X(g_mime_format_options_free)                                         \
	X(g_mime_format_options_new)                                          \
	X(g_mime_format_options_set_newline_format)                           \
	X(g_mime_message_get_addresses)                                       \
	X(g_mime_message_new)                                                 \
	X(g_mime_message_set_date)                                            \
	X(g_mime_message_set_message_id)                                      \
	X(g_mime_message_set_mime_part)                                       \
	X(g_mime_message_set_subject)                                         \
	X(g_mime_multipart_add)                                               \
	X(g_mime_multipart_new_with_subtype)                                  \
	X(g_mime_multipart_set_boundary)                                      \
	X(g_mime_object_set_content_type_parameter)                           \
	X(g_mime_object_set_header)                                           \
	X(g_mime_object_write_to_stream)                                      \
	X(g_mime_part_set_content)                                            \
	X(g_mime_part_set_content_encoding)                                   \
	X(g_mime_stream_mem_get_byte_array)                                   \
	X(g_mime_stream_mem_new)                                              \
	X(g_mime_stream_mem_new_with_buffer)                                  \
	X(g_mime_text_part_new_with_subtype)                                  \
	X(internet_address_list_add)                                          \
	X(internet_address_mailbox_new)                                       \
	X(internet_address_set_charset)

/* fd_gmime_NAME: a pointer to GMime's NAME, of its own type. */
#define FD_GMIME_DECLARE(f) extern __typeof__(f) *fd_gmime_##f;
FD_GMIME_FUNCS(FD_GMIME_DECLARE)
#undef FD_GMIME_DECLARE

/*
 * Loads GMime (the soname found at configure time) and runs g_mime_init,
 * once a process. Returns NULL, or why GMime cannot be had (for a
 * diagnostic: an installation fault, not the input's).
 */
const char *fd_gmime_load(void);

#ifndef FD_GMIME_LOADER
#define g_mime_init (*fd_gmime_g_mime_init)
#define g_mime_data_wrapper_new_with_stream                                   \
	(*fd_gmime_g_mime_data_wrapper_new_with_stream)
#define g_mime_format_options_free (*fd_gmime_g_mime_format_options_free)
#define g_mime_format_options_new (*fd_gmime_g_mime_format_options_new)
#define g_mime_format_options_set_newline_format                              \
	(*fd_gmime_g_mime_format_options_set_newline_format)
#define g_mime_message_get_addresses (*fd_gmime_g_mime_message_get_addresses)
#define g_mime_message_new (*fd_gmime_g_mime_message_new)
#define g_mime_message_set_date (*fd_gmime_g_mime_message_set_date)
#define g_mime_message_set_message_id                                         \
	(*fd_gmime_g_mime_message_set_message_id)
#define g_mime_message_set_mime_part (*fd_gmime_g_mime_message_set_mime_part)
#define g_mime_message_set_subject (*fd_gmime_g_mime_message_set_subject)
#define g_mime_multipart_add (*fd_gmime_g_mime_multipart_add)
#define g_mime_multipart_new_with_subtype                                     \
	(*fd_gmime_g_mime_multipart_new_with_subtype)
#define g_mime_multipart_set_boundary (*fd_gmime_g_mime_multipart_set_boundary)
#define g_mime_object_set_content_type_parameter                              \
	(*fd_gmime_g_mime_object_set_content_type_parameter)
#define g_mime_object_set_header (*fd_gmime_g_mime_object_set_header)
#define g_mime_object_write_to_stream (*fd_gmime_g_mime_object_write_to_stream)
#define g_mime_part_set_content (*fd_gmime_g_mime_part_set_content)
#define g_mime_part_set_content_encoding                                      \
	(*fd_gmime_g_mime_part_set_content_encoding)
#define g_mime_stream_mem_get_byte_array                                      \
	(*fd_gmime_g_mime_stream_mem_get_byte_array)
#define g_mime_stream_mem_new (*fd_gmime_g_mime_stream_mem_new)
#define g_mime_stream_mem_new_with_buffer                                     \
	(*fd_gmime_g_mime_stream_mem_new_with_buffer)
#define g_mime_text_part_new_with_subtype                                     \
	(*fd_gmime_g_mime_text_part_new_with_subtype)
#define internet_address_list_add (*fd_gmime_internet_address_list_add)
#define internet_address_mailbox_new (*fd_gmime_internet_address_mailbox_new)
#define internet_address_set_charset (*fd_gmime_internet_address_set_charset)
#endif

#endif
