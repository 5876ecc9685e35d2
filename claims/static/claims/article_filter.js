// The claim list's article filter: choosing an article submits its form. select2 announces
// a choice with jQuery's "change" event, so listen through the admin's own jQuery.
'use strict';
window.addEventListener('load', function () {
    const $ = window.django && window.django.jQuery;
    if (!$) {
        return;
    }
    $(document).on('change', 'select.cd-article-filter', function () {
        this.form.submit();
    });
});
