// Parse-only speed of the HTML parsers Debian offers (libxml2 2.9.14, gumbo 0.10.1) over a directory of pages, one
// core: parse, walk the tree summing text bytes (the least any extractor needs), free. Measured to choose between
// them and the project`s own tokenizer (issue 18; figures in DEVELOPERS.md, "HTML extraction").
//   apt-get install libxml2-dev libgumbo-dev
//   gcc -O2 -o /tmp/parsebench scripts/html-parser-bench.c $(xml2-config --cflags --libs) -lgumbo
//   taskset -c 1 /tmp/parsebench ../shared/data/extraction/pages
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <time.h>
#include <libxml/HTMLparser.h>
#include <gumbo.h>

static char *bufs[400]; static size_t lens[400]; static int n;
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
static size_t walkx(xmlNode *a){size_t s=0;for(xmlNode*c=a;c;c=c->next){if(c->type==XML_TEXT_NODE&&c->content)s+=strlen((char*)c->content);s+=walkx(c->children);}return s;}
static size_t walkg(GumboNode *g){if(g->type==GUMBO_NODE_TEXT||g->type==GUMBO_NODE_WHITESPACE)return strlen(g->v.text.text);if(g->type!=GUMBO_NODE_ELEMENT&&g->type!=GUMBO_NODE_DOCUMENT)return 0;
 GumboVector*ch=g->type==GUMBO_NODE_DOCUMENT?&g->v.document.children:&g->v.element.children;size_t s=0;for(unsigned i=0;i<ch->length;i++)s+=walkg(ch->data[i]);return s;}
int main(int argc,char**argv){
 DIR*d=opendir(argv[1]);struct dirent*e;size_t total=0;
 while((e=readdir(d))&&n<400){if(!strstr(e->d_name,".html"))continue;char p[4096];snprintf(p,sizeof p,"%s/%s",argv[1],e->d_name);
  FILE*f=fopen(p,"rb");fseek(f,0,SEEK_END);long l=ftell(f);fseek(f,0,SEEK_SET);bufs[n]=malloc(l+1);fread(bufs[n],1,l,f);bufs[n][l]=0;lens[n]=l;total+=l;n++;fclose(f);}
 for(int pass=0;pass<3;pass++){
  double t=now();size_t s=0;
  for(int i=0;i<n;i++){htmlDocPtr doc=htmlReadMemory(bufs[i],lens[i],NULL,"UTF-8",HTML_PARSE_RECOVER|HTML_PARSE_NOERROR|HTML_PARSE_NOWARNING|HTML_PARSE_NONET);
   if(doc){s+=walkx(xmlDocGetRootElement(doc));xmlFreeDoc(doc);}}
  double a=now()-t; t=now(); size_t s2=0;
  for(int i=0;i<n;i++){GumboOutput*o=gumbo_parse_with_options(&kGumboDefaultOptions,bufs[i],lens[i]);s2+=walkg(o->document);gumbo_destroy_output(&kGumboDefaultOptions,o);}
  double b=now()-t;
  printf("pass %d: libxml2 %.0f pages/s %.1f MB/s (text %zu) | gumbo %.0f pages/s %.1f MB/s (text %zu)\n",pass,n/a,total/a/1e6,s,n/b,total/b/1e6,s2);
 }
}
